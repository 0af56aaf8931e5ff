export { SeverityStrip, type SeverityStripProps } from './SeverityStrip';
