export { startTlsProxy, TEMPLATE_FILE } from './proxy';
export type { TlsProxyOptions, RunningTlsProxy } from './proxy';
export { generateTestCertificates } from './certs';
export type { TestCertificates } from './certs';
export { renderTemplate, htpasswdLine } from './config';
export { TlsProxyError } from './errors';
