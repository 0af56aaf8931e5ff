export { Sparkline, sparklinePath, type SparklineProps } from './Sparkline';
