/** Base of every error `@gdlens/alerts` throws on purpose. */
export class AlertsError extends Error {
  override readonly name: string = 'AlertsError';
}

/** A `--set RULE_UID.PARAM=VALUE` (or a settings value) that names no rule or parameter, or cannot be parsed. */
export class RuleParameterError extends AlertsError {
  override readonly name = 'RuleParameterError';
}

/** A provisioning file that is not in Grafana's file-provisioning shape. */
export class ProvisioningFileError extends AlertsError {
  override readonly name = 'ProvisioningFileError';

  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${file}: ${message}`);
  }
}
