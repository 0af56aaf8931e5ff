export { ThreatMatrix, cellLabel, type ThreatMatrixProps } from './ThreatMatrix';
