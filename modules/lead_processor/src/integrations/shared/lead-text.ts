/** First and last name as the lead-tracking systems want them: first word, then the rest. */
export function splitName(fullName: string): { firstName: string; lastName: string } {
    const [firstName = "", ...rest] = fullName.trim().split(/\s+/);
    return { firstName, lastName: rest.join(" ") };
}

/** The product line of a lead's product, e.g. "Looking at Oak Natural by Shaw | Honey". */
export function productLine(
    product: { Brand: string; Product: string; Variant: string } | undefined,
): string | undefined {
    return product ? `Looking at ${product.Product} by ${product.Brand} | ${product.Variant}` : undefined;
}
