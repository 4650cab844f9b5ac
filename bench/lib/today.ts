/** The frozen "today" of every bench server and page. */
export const TODAY = '2027-01-15';
