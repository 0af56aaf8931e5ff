export { DECODER_PAGE_ROWS, FindingDecoder, type FindingDecoderProps } from './FindingDecoder';
