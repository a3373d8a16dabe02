// The runtime form of an AWS service model, as the generator writes it into src/generated/<service>/model.ts.
// Only data: the codecs and the validator read it; nothing here touches the wire.

export type ShapeType =
  | 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean'
  | 'timestamp' | 'blob' | 'double' | 'float';

export interface MemberModel {
  shape: string;
  locationName?: string;
  location?: string;
  flattened?: boolean;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  timestampFormat?: string;
}

export interface ShapeModel {
  type: ShapeType;
  members?: Record<string, MemberModel>;
  required?: string[];
  member?: MemberModel;
  key?: MemberModel;
  value?: MemberModel;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  flattened?: boolean;
  timestampFormat?: string;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: string;
  output?: string;
  resultWrapper?: string;
  errors: string[];
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: 'query' | 'json' | 'rest-json' | 'rest-xml' | 'ec2';
    serviceId: string;
    signingName?: string;
    xmlNamespace?: string;
    jsonVersion?: string;
    targetPrefix?: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
}
