// ARNs of IAM resources, in AWS's forms (the path is part of the ARN).
export const roleArn = (account: string, path: string, name: string) => `arn:aws:iam::${account}:role${path}${name}`;
export const userArn = (account: string, path: string, name: string) => `arn:aws:iam::${account}:user${path}${name}`;
export const groupArn = (account: string, path: string, name: string) => `arn:aws:iam::${account}:group${path}${name}`;
export const policyArn = (account: string, path: string, name: string) => `arn:aws:iam::${account}:policy${path}${name}`;
export const instanceProfileArn = (account: string, path: string, name: string) =>
  `arn:aws:iam::${account}:instance-profile${path}${name}`;
export const oidcProviderArn = (account: string, hostPath: string) => `arn:aws:iam::${account}:oidc-provider/${hostPath}`;
export const serverCertificateArn = (account: string, path: string, name: string) =>
  `arn:aws:iam::${account}:server-certificate${path}${name}`;
export const samlProviderArn = (account: string, name: string) => `arn:aws:iam::${account}:saml-provider/${name}`;

export interface ParsedPolicyArn { account: string; path: string; name: string }

/** Splits `arn:aws:iam::ACCOUNT|aws:policy/PATH/NAME`; undefined when it is not a policy ARN. */
export function parsePolicyArn(arn: string): ParsedPolicyArn | undefined {
  const m = /^arn:aws:iam::(\d{12}|aws):policy(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
  return m ? { account: m[1], path: m[2], name: m[3] } : undefined;
}
/** A virtual MFA device's serial number, which is its ARN. */
export const mfaDeviceArn = (account: string, path: string, name: string) => `arn:aws:iam::${account}:mfa${path}${name}`;
