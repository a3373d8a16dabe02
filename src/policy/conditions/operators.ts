// The condition operator names AWS accepts and how modifiers wrap them: `ForAllValues:` /
// `ForAnyValue:` in front, `IfExists` behind, any base operator but Null.

/** Base operator → its family and whether it is a negated operator. */
export const baseOperators = {
  StringEquals: { family: 'String', negated: false },
  StringNotEquals: { family: 'String', negated: true },
  StringEqualsIgnoreCase: { family: 'String', negated: false },
  StringNotEqualsIgnoreCase: { family: 'String', negated: true },
  StringLike: { family: 'String', negated: false },
  StringNotLike: { family: 'String', negated: true },
  NumericEquals: { family: 'Numeric', negated: false },
  NumericNotEquals: { family: 'Numeric', negated: true },
  NumericLessThan: { family: 'Numeric', negated: false },
  NumericLessThanEquals: { family: 'Numeric', negated: false },
  NumericGreaterThan: { family: 'Numeric', negated: false },
  NumericGreaterThanEquals: { family: 'Numeric', negated: false },
  DateEquals: { family: 'Date', negated: false },
  DateNotEquals: { family: 'Date', negated: true },
  DateLessThan: { family: 'Date', negated: false },
  DateLessThanEquals: { family: 'Date', negated: false },
  DateGreaterThan: { family: 'Date', negated: false },
  DateGreaterThanEquals: { family: 'Date', negated: false },
  Bool: { family: 'Bool', negated: false },
  BinaryEquals: { family: 'Binary', negated: false },
  IpAddress: { family: 'Ip', negated: false },
  NotIpAddress: { family: 'Ip', negated: true },
  ArnEquals: { family: 'Arn', negated: false },
  ArnLike: { family: 'Arn', negated: false },
  ArnNotEquals: { family: 'Arn', negated: true },
  ArnNotLike: { family: 'Arn', negated: true },
  Null: { family: 'Null', negated: false },
} as const;

export type BaseOperator = keyof typeof baseOperators;
export type OperatorFamilyName = (typeof baseOperators)[BaseOperator]['family'];

export interface OperatorParts {
  readonly base: BaseOperator;
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
}

/** Splits `ForAnyValue:StringLikeIfExists` into its parts; `undefined` for an unknown operator. */
export function splitOperator(operator: string): OperatorParts | undefined {
  let rest = operator;
  let set: OperatorParts['set'];
  if (rest.startsWith('ForAllValues:')) {
    set = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    set = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  if (!Object.hasOwn(baseOperators, rest)) return undefined;
  const base = rest as BaseOperator;
  if (base === 'Null' && ifExists) return undefined;
  return set ? { base, set, ifExists } : { base, ifExists };
}
