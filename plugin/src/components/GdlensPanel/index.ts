export { GdlensPanel, selectMatrixCell } from './GdlensPanel';
