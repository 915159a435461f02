/**
 * Approximate centre (latitude, longitude) of the geographic NANP area codes of the United States (with its
 * territories) and Canada. One line per place: `COUNTRY LAT LON CODE…  # place`; overlay codes share
 * their parent's line. Centroids are the main city of each code's region, good to within a state or
 * province, which is all nearest-first ordering needs. Parsed once by `geo.ts`.
 */
export const AREA_CODE_TABLE = `
# ---- United States ----
US 33.52 -86.80 205 659           # Birmingham, AL
US 30.69 -88.04 251               # Mobile, AL
US 34.73 -86.59 256 938           # Huntsville, AL
US 32.37 -86.30 334               # Montgomery, AL
US 61.22 -149.90 907              # Anchorage, AK
US 33.45 -112.07 602              # Phoenix, AZ
US 33.42 -111.83 480              # Mesa, AZ
US 33.53 -112.26 623              # Glendale, AZ
US 32.22 -110.97 520              # Tucson, AZ
US 35.20 -111.65 928              # Flagstaff, AZ
US 36.06 -94.16 479               # Fayetteville, AR
US 34.75 -92.29 501               # Little Rock, AR
US 35.84 -90.70 870 327           # Jonesboro, AR
US 37.96 -121.29 209 350          # Stockton, CA
US 34.05 -118.25 213 323 738      # Los Angeles, CA
US 33.92 -118.40 310 424          # West Los Angeles, CA
US 37.34 -121.89 408 669          # San Jose, CA
US 37.77 -122.42 415 628          # San Francisco, CA
US 37.80 -122.27 510 341          # Oakland, CA
US 39.73 -121.84 530              # Chico, CA
US 36.74 -119.79 559              # Fresno, CA
US 33.77 -118.19 562              # Long Beach, CA
US 32.72 -117.16 619 858          # San Diego, CA
US 34.15 -118.14 626              # Pasadena, CA
US 37.56 -122.32 650              # San Mateo, CA
US 33.84 -117.91 714 657          # Anaheim, CA
US 35.37 -119.02 661              # Bakersfield, CA
US 38.44 -122.71 707 369          # Santa Rosa, CA
US 34.20 -118.45 818 747          # San Fernando Valley, CA
US 33.83 -116.55 760 442          # Palm Springs, CA
US 34.42 -119.70 805 820          # Santa Barbara, CA
US 36.68 -121.66 831              # Salinas, CA
US 34.11 -117.29 909 840          # San Bernardino, CA
US 38.58 -121.49 916 279          # Sacramento, CA
US 37.98 -122.03 925              # Concord, CA
US 33.68 -117.83 949              # Irvine, CA
US 33.95 -117.40 951              # Riverside, CA
US 39.74 -104.99 303 720 983      # Denver, CO
US 38.83 -104.82 719              # Colorado Springs, CO
US 39.06 -108.55 970              # Grand Junction, CO
US 41.31 -72.92 203 475           # New Haven, CT
US 41.76 -72.68 860 959           # Hartford, CT
US 39.16 -75.52 302               # Dover, DE
US 38.90 -77.04 202 771           # Washington, DC
US 26.64 -81.87 239               # Fort Myers, FL
US 25.76 -80.19 305 786 645       # Miami, FL
US 28.39 -80.74 321               # Brevard County, FL
US 29.65 -82.32 352               # Gainesville, FL
US 29.21 -81.02 386               # Daytona Beach, FL
US 28.54 -81.38 407 689           # Orlando, FL
US 30.44 -85.50 850 448           # Florida Panhandle
US 26.72 -80.05 561 728           # West Palm Beach, FL
US 27.77 -82.64 727               # St. Petersburg, FL
US 26.12 -80.14 954 754           # Fort Lauderdale, FL
US 27.29 -80.35 772               # Port St. Lucie, FL
US 27.95 -82.46 813 656           # Tampa, FL
US 28.04 -81.95 863               # Lakeland, FL
US 30.33 -81.66 904               # Jacksonville, FL
US 27.34 -82.53 941               # Sarasota, FL
US 31.58 -84.16 229               # Albany, GA
US 33.75 -84.39 404 470 678 770 943  # Atlanta, GA
US 32.84 -83.63 478               # Macon, GA
US 33.96 -83.38 706 762           # Athens, GA
US 32.08 -81.09 912               # Savannah, GA
US 21.31 -157.86 808              # Honolulu, HI
US 43.62 -116.20 208 986          # Boise, ID
US 39.80 -89.64 217 447           # Springfield, IL
US 42.06 -87.94 847 224           # Chicago north suburbs, IL
US 40.69 -89.59 309 861           # Peoria, IL
US 41.88 -87.63 312 773 872       # Chicago, IL
US 41.79 -88.15 630 331           # Chicago west suburbs, IL
US 41.60 -87.75 708 464           # Chicago south suburbs, IL
US 38.52 -89.13 618 730           # Southern Illinois
US 42.27 -89.09 815 779           # Rockford, IL
US 41.59 -87.35 219               # Gary, IN
US 41.08 -85.14 260               # Fort Wayne, IN
US 39.77 -86.16 317 463           # Indianapolis, IN
US 41.68 -86.25 574               # South Bend, IN
US 40.19 -85.39 765               # Muncie, IN
US 38.50 -86.90 812 930           # Southern Indiana
US 41.98 -91.67 319               # Cedar Rapids, IA
US 41.59 -93.62 515               # Des Moines, IA
US 41.52 -90.58 563               # Davenport, IA
US 43.15 -93.20 641               # Mason City, IA
US 42.50 -96.40 712               # Sioux City, IA
US 37.69 -97.34 316               # Wichita, KS
US 37.75 -99.50 620               # Southern Kansas
US 39.05 -95.68 785               # Topeka, KS
US 39.11 -94.75 913               # Kansas City, KS
US 37.08 -87.40 270 364           # Western Kentucky
US 38.25 -85.76 502               # Louisville, KY
US 37.30 -83.20 606               # Eastern Kentucky
US 38.04 -84.50 859               # Lexington, KY
US 30.45 -91.15 225               # Baton Rouge, LA
US 32.52 -93.75 318               # Shreveport, LA
US 30.22 -92.02 337               # Lafayette, LA
US 29.95 -90.07 504               # New Orleans, LA
US 30.05 -90.50 985               # Houma and Northshore, LA
US 44.60 -69.40 207               # Maine
US 39.29 -76.61 410 443 667       # Baltimore, MD
US 39.08 -77.15 301 240 227       # Montgomery County, MD
US 42.36 -71.06 617 857           # Boston, MA
US 42.42 -71.20 781 339           # Boston suburbs, MA
US 42.64 -71.32 978 351           # Lowell, MA
US 42.10 -72.59 413               # Springfield, MA
US 42.26 -71.80 508 774           # Worcester, MA
US 43.23 -85.80 231               # Western Michigan
US 42.60 -83.30 248 947           # Oakland County, MI
US 42.29 -85.59 269               # Kalamazoo, MI
US 42.33 -83.05 313 679           # Detroit, MI
US 42.73 -84.55 517               # Lansing, MI
US 42.58 -82.92 586               # Macomb County, MI
US 42.96 -85.67 616               # Grand Rapids, MI
US 42.28 -83.74 734               # Ann Arbor, MI
US 43.01 -83.69 810               # Flint, MI
US 46.54 -87.40 906               # Upper Peninsula, MI
US 43.42 -83.95 989               # Saginaw, MI
US 46.79 -92.10 218               # Duluth, MN
US 45.56 -94.16 320               # St. Cloud, MN
US 44.02 -92.47 507               # Rochester, MN
US 44.98 -93.27 612               # Minneapolis, MN
US 44.95 -93.09 651               # St. Paul, MN
US 45.13 -93.40 763               # Minneapolis north suburbs, MN
US 44.85 -93.45 952               # Minneapolis south suburbs, MN
US 30.37 -89.09 228               # Gulfport, MS
US 32.30 -90.18 601 769           # Jackson, MS
US 34.26 -88.70 662               # Tupelo, MS
US 38.63 -90.20 314 557           # St. Louis, MO
US 37.21 -93.29 417               # Springfield, MO
US 38.58 -92.17 573 235           # Jefferson City, MO
US 38.79 -90.50 636               # St. Charles, MO
US 39.76 -94.85 660               # St. Joseph, MO
US 39.10 -94.58 816 975           # Kansas City, MO
US 46.87 -110.36 406              # Montana
US 40.92 -100.16 308              # Western Nebraska
US 41.26 -95.93 402 531           # Omaha, NE
US 36.17 -115.14 702 725          # Las Vegas, NV
US 39.53 -119.81 775              # Reno, NV
US 43.20 -71.54 603               # New Hampshire
US 40.88 -74.04 201 551           # Hackensack, NJ
US 40.22 -74.76 609 640           # Trenton, NJ
US 40.35 -74.30 732 848           # Central New Jersey
US 39.93 -75.05 856               # Camden, NJ
US 40.74 -74.17 973 862           # Newark, NJ
US 40.66 -74.50 908               # Union County, NJ
US 35.08 -106.65 505              # Albuquerque, NM
US 32.32 -106.76 575              # Las Cruces, NM
US 40.78 -73.97 212 332 646 917   # Manhattan, NY
US 40.68 -73.94 718 347 929       # Brooklyn and Queens, NY
US 43.05 -76.15 315 680           # Syracuse, NY
US 41.70 -74.00 845 329           # Hudson Valley, NY
US 40.73 -73.59 516 363           # Nassau County, NY
US 42.65 -73.75 518 838           # Albany, NY
US 43.16 -77.61 585               # Rochester, NY
US 42.10 -75.91 607               # Binghamton, NY
US 40.85 -73.05 631 934           # Suffolk County, NY
US 42.89 -78.88 716               # Buffalo, NY
US 41.03 -73.76 914               # Westchester, NY
US 35.61 -77.37 252               # Greenville, NC
US 36.07 -79.79 336 743           # Greensboro, NC
US 35.23 -80.84 704 980           # Charlotte, NC
US 35.60 -82.55 828               # Asheville, NC
US 34.75 -78.40 910               # Fayetteville and Wilmington, NC
US 35.78 -78.64 919 984           # Raleigh, NC
US 46.88 -100.78 701              # North Dakota
US 41.50 -81.69 216               # Cleveland, OH
US 41.40 -81.95 440 436           # Cleveland suburbs, OH
US 39.70 -82.20 740 220           # Southeastern Ohio
US 41.08 -81.52 330 234           # Akron, OH
US 39.10 -84.51 513 283           # Cincinnati, OH
US 39.76 -84.19 937 326           # Dayton, OH
US 41.65 -83.54 419 567           # Toledo, OH
US 39.96 -83.00 614 380           # Columbus, OH
US 35.47 -97.52 405 572           # Oklahoma City, OK
US 36.15 -95.99 918 539           # Tulsa, OK
US 34.80 -98.40 580               # Western Oklahoma
US 45.52 -122.68 503 971          # Portland, OR
US 44.05 -122.30 541 458          # Eugene and Bend, OR
US 39.95 -75.17 215 267 445       # Philadelphia, PA
US 40.27 -76.88 717 223           # Harrisburg, PA
US 41.41 -75.66 570 272           # Scranton, PA
US 40.44 -79.99 412 878           # Pittsburgh, PA
US 40.60 -75.47 610 484 835       # Allentown, PA
US 40.30 -79.54 724               # Western Pennsylvania
US 41.00 -78.40 814 582           # Central Pennsylvania
US 41.82 -71.41 401               # Rhode Island
US 34.00 -81.03 803 839           # Columbia, SC
US 32.78 -79.93 843 854           # Charleston, SC
US 34.85 -82.40 864 821           # Greenville, SC
US 43.55 -96.73 605               # South Dakota
US 35.05 -85.31 423               # Chattanooga, TN
US 36.16 -86.78 615 629           # Nashville, TN
US 35.61 -88.81 731               # Jackson, TN
US 35.96 -83.92 865               # Knoxville, TN
US 35.15 -90.05 901               # Memphis, TN
US 36.16 -85.50 931               # Middle Tennessee
US 29.42 -98.49 210 726           # San Antonio, TX
US 32.78 -96.80 214 469 972 945   # Dallas, TX
US 31.55 -97.15 254               # Waco, TX
US 29.76 -95.37 713 281 832 346   # Houston, TX
US 32.45 -99.73 325               # Abilene, TX
US 27.80 -97.40 361               # Corpus Christi, TX
US 30.08 -94.10 409               # Beaumont, TX
US 32.35 -95.30 903 430           # Tyler, TX
US 32.00 -102.08 432              # Midland, TX
US 30.27 -97.74 512 737           # Austin, TX
US 32.76 -97.33 817 682           # Fort Worth, TX
US 33.58 -101.86 806              # Lubbock, TX
US 29.70 -98.70 830               # Hill Country, TX
US 31.76 -106.49 915              # El Paso, TX
US 31.20 -94.80 936               # Lufkin, TX
US 33.21 -97.13 940               # Denton, TX
US 26.20 -98.23 956               # McAllen, TX
US 30.63 -96.33 979               # Bryan, TX
US 40.76 -111.89 801 385          # Salt Lake City, UT
US 38.50 -112.00 435              # Rural Utah
US 44.26 -72.58 802               # Vermont
US 36.90 -82.10 276               # Southwestern Virginia
US 37.70 -78.80 434               # Lynchburg, VA
US 37.27 -79.94 540 826           # Roanoke, VA
US 38.85 -77.30 703 571           # Northern Virginia
US 36.85 -76.29 757 948           # Norfolk, VA
US 37.54 -77.44 804 686           # Richmond, VA
US 47.61 -122.33 206              # Seattle, WA
US 47.25 -122.44 253              # Tacoma, WA
US 47.04 -122.90 360 564          # Western Washington
US 47.76 -122.20 425              # Bellevue and Everett, WA
US 47.00 -119.00 509              # Eastern Washington
US 38.60 -80.60 304 681           # West Virginia
US 42.80 -88.10 262               # Southeastern Wisconsin
US 44.51 -88.01 920 274           # Green Bay, WI
US 43.04 -87.91 414               # Milwaukee, WI
US 45.30 -90.30 715 534           # Northern Wisconsin
US 43.07 -89.40 608 353           # Madison, WI
US 42.90 -107.55 307              # Wyoming
US 18.22 -66.59 787 939           # Puerto Rico
US 18.34 -64.93 340               # U.S. Virgin Islands
US 13.44 144.79 671               # Guam
US 15.18 145.75 670               # Northern Mariana Islands
US -14.27 -170.70 684             # American Samoa
# ---- Canada ----
CA 49.28 -123.12 604 778 236 672  # Vancouver, BC
CA 49.89 -119.50 250              # Kelowna, BC
CA 51.05 -114.07 403              # Calgary, AB
CA 53.55 -113.49 780              # Edmonton, AB
CA 52.27 -113.81 587 825 368      # Alberta overlays (Red Deer)
CA 51.30 -105.50 306 639 474      # Saskatchewan
CA 49.90 -97.14 204 431 584       # Winnipeg, MB
CA 43.65 -79.38 416 647 437 942   # Toronto, ON
CA 43.59 -79.64 905 289 365 742   # Greater Toronto and Hamilton, ON
CA 42.98 -81.25 519 226 548 382   # London, ON
CA 45.42 -75.70 613 343 753       # Ottawa, ON
CA 46.49 -80.99 705 249 683       # Sudbury, ON
CA 48.38 -89.25 807               # Thunder Bay, ON
CA 45.50 -73.57 514 438 263       # Montreal, QC
CA 45.60 -73.70 450 579 354       # Montreal suburbs, QC
CA 46.81 -71.21 418 581 367       # Quebec City, QC
CA 46.35 -72.55 819 873 468       # Trois-Rivieres, QC
CA 46.09 -64.78 506 428           # Moncton, NB
CA 44.65 -63.57 902 782           # Halifax, NS
CA 47.56 -52.71 709               # St. John's, NL
CA 62.45 -114.37 867              # Northern territories (Yellowknife)
`;
