/** A flooring store's week as Nexus writes it: long Thursday, short Saturday, closed on Sunday. */
export const STORE_WEEK = {
    monday: "9:00 AM - 6:00 PM",
    tuesday: "9:00 AM - 6:00 PM",
    wednesday: "9:00 AM - 6:00 PM",
    thursday: "9:00 AM - 8:00 PM",
    friday: "9:00 AM - 6:00 PM",
    saturday: "10:00 AM - 4:00 PM",
    sunday: "Closed",
};

/** Coordinates in downtown Chicago (America/Chicago). */
export const CHICAGO = { latitude: 41.8847, longitude: -87.6319 };
