/**
 * GuardDuty API calls that weaken detection, checked one by one against the GuardDuty API
 * reference's list of actions (docs.aws.amazon.com/guardduty/latest/APIReference/API_Operations.html).
 * CloudTrail records each under `eventSource: guardduty.amazonaws.com` with the action's name.
 */

/** Calls that always alert: each one deletes, hides, suppresses or redirects detection. */
export const GUARDDUTY_TAMPER_EVENTS: readonly string[] = [
  // The detector itself.
  'DeleteDetector',
  // Suppression rules: deleting a filter can also remove an archive rule's audit trail.
  'DeleteFilter',
  'ArchiveFindings',
  // Trusted IP lists and trusted entity sets silence findings for the listed addresses and domains;
  // threat lists and threat entity sets add detections, so replacing or deleting them weakens it.
  'CreateIPSet',
  'UpdateIPSet',
  'DeleteIPSet',
  'CreateTrustedEntitySet',
  'UpdateTrustedEntitySet',
  'DeleteTrustedEntitySet',
  'CreateThreatIntelSet',
  'UpdateThreatIntelSet',
  'DeleteThreatIntelSet',
  'CreateThreatEntitySet',
  'UpdateThreatEntitySet',
  'DeleteThreatEntitySet',
  // Multi-account: a member leaving, removed, or no longer monitored stops its findings reaching the admin.
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
  'DisassociateMembers',
  'DeleteMembers',
  'StopMonitoringMembers',
  'UpdateMemberDetectors',
  // Organization: auto-enable settings and the delegated administrator.
  'UpdateOrganizationConfiguration',
  'EnableOrganizationAdminAccount',
  'DisableOrganizationAdminAccount',
  // Where findings are exported (this pipeline's input).
  'UpdatePublishingDestination',
  'DeletePublishingDestination',
  // Malware protection.
  'UpdateMalwareProtectionPlan',
  'DeleteMalwareProtectionPlan',
  'UpdateMalwareScanSettings',
];

/**
 * `UpdateDetector` alerts only when it disables the detector or one of its protection plans:
 * the `enable` flag, a feature or additional configuration set to `DISABLED`, or a legacy data
 * source turned off. Other updates (tags, publishing frequency) are routine.
 */
export const UPDATE_DETECTOR_DISABLING_CLAUSES: readonly string[] = [
  'requestParameters.enable:false',
  'requestParameters.features.status:DISABLED',
  'requestParameters.features.additionalConfiguration.status:DISABLED',
  'requestParameters.dataSources.s3Logs.enable:false',
  'requestParameters.dataSources.kubernetes.auditLogs.enable:false',
  'requestParameters.dataSources.malwareProtection.scanEc2InstanceWithFindings.ebsVolumes:false',
];

/** `CreateFilter`/`UpdateFilter` alert only with the `ARCHIVE` action: a suppression rule. */
export const SUPPRESSION_FILTER_CLAUSE = 'eventName:(CreateFilter OR UpdateFilter) AND requestParameters.action:ARCHIVE';

/** S3 calls that can cut, expose or destroy the findings export (CloudTrail names; `PutBucketLifecycle` records PutBucketLifecycleConfiguration). */
export const S3_EXPORT_TAMPER_EVENTS: readonly string[] = [
  'PutBucketAcl',
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutBucketLogging',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'PutBucketLifecycle',
  'DeleteBucketLifecycle',
  'PutBucketReplication',
  'DeleteBucketReplication',
  'PutBucketEncryption',
  'DeleteBucketEncryption',
  'DeleteBucket',
];

/** KMS calls that make the export key unusable (GuardDuty cannot write) or hand it to someone else. */
export const KMS_EXPORT_TAMPER_EVENTS: readonly string[] = ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy'];
