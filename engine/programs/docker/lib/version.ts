/** The Docker release the lab's CLI and daemons claim to be (docker version, docker -v). */
export const ENGINE_VERSION = '28.5.2';
export const API_VERSION = '1.51';
