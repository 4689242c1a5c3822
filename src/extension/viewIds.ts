/** View and container ids, as contributed in package.json. */
export const VIEW_CONTAINER_ID = 'invoiceDoctor';
export const ENDPOINTS_VIEW_ID = 'invoiceDoctor.endpoints';
