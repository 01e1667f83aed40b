export { ENGINE_VERSION } from '../../../docker/api';
export const API_VERSION = '1.51';
