export { FindingDecoder, type FindingDecoderProps } from './FindingDecoder';
