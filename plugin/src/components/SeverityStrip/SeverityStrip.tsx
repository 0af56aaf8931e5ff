import { useStyles2, useTheme2 } from '@grafana/ui';
import { TEST_IDS } from '../../constants';
import type { TagMarker } from '../../data/annotations';
import type { SeverityStrip as Strip } from '../../data/strip';
import { bandColor, bandTextColor } from '../bandColors';
import { Sparkline } from '../Sparkline';
import { getStyles } from './SeverityStrip.styles';

export interface SeverityStripProps {
  strip: Strip;
  width: number;
  /** The dashboard's annotations (lifecycle tags), marked on every trend line. */
  markers?: readonly TagMarker[];
}

const SPARKLINE_HEIGHT_PX = 28;

/** Band counts as one proportional bar, then each band's count with its own trend line. */
export function SeverityStrip({ strip, width, markers = [] }: SeverityStripProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const columns = Math.max(1, Math.min(strip.bands.length, Math.floor(width / 140)));
  // Drawing units only: the line stretches to its card.
  const sparklineWidth = Math.max(60, Math.floor(width / columns));
  return (
    <div className={styles.container} data-testid={TEST_IDS.strip}>
      <div className={styles.bar} role="img" aria-label={strip.bands.map((band) => `${band.band} ${band.findings}`).join(', ')}>
        {strip.bands
          .filter((band) => band.findings > 0)
          .map((band) => (
            <div
              key={band.band}
              data-testid={TEST_IDS.stripSegment}
              data-band={band.band}
              className={styles.segment}
              title={`${band.band}: ${band.findings}`}
              style={{
                flexGrow: band.findings,
                flexBasis: 0,
                background: bandColor(theme, band.band),
                color: bandTextColor(theme, band.band),
              }}
            >
              {band.findings}
            </div>
          ))}
      </div>
      <div className={styles.bands}>
        {strip.bands.map((band) => (
          <div key={band.band} className={styles.band} aria-label={`${band.band}: ${band.findings} findings`}>
            <div className={styles.bandHeader}>
              <span className={styles.bandName}>
                <span className={styles.swatch} style={{ background: bandColor(theme, band.band) }} />
                {band.band}
              </span>
              <span className={styles.bandCount}>{band.findings.toLocaleString('en-US')}</span>
            </div>
            {band.trend.length > 0 ? (
              <Sparkline
                points={band.trend}
                width={sparklineWidth}
                height={SPARKLINE_HEIGHT_PX}
                color={bandColor(theme, band.band)}
                label={`${band.band} trend`}
                markers={markers}
                markerColor={theme.colors.text.secondary}
              />
            ) : (
              <span className={styles.noTrend}>no trend data</span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
