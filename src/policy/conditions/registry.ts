// The registry from operator name to family: one compile function per family (MinIO
// condition/func.go). Modifiers are not families; conditions/evaluate.ts applies them.
import type { ParsedCondition } from '../types.js';
import type { ValueTest } from './test-type.js';
import { baseOperators, type BaseOperator } from './operators.js';
import { compileStringTest, type StringOperator } from './string.js';
import { compileNumericTest, type NumericOperator } from './numeric.js';
import { compileDateFamilyTest, type DateOperator } from './date.js';
import { compileBoolTest } from './bool.js';
import { compileBinaryTest } from './binary.js';
import { compileIpTest } from './ip.js';
import { compileArnTest } from './arn.js';

/** The positive test for a condition's base operator (Null has none: it only asks for presence). */
export function compileValueTest(c: ParsedCondition, substitute: boolean): ValueTest {
  const base = c.baseOperator as BaseOperator;
  switch (baseOperators[base].family) {
    case 'String':
      return compileStringTest(base as StringOperator, c.values, substitute);
    case 'Numeric':
      return compileNumericTest(base as NumericOperator, c.values);
    case 'Date':
      return compileDateFamilyTest(base as DateOperator, c.values);
    case 'Bool':
      return compileBoolTest(c.values, substitute);
    case 'Binary':
      return compileBinaryTest(c.values);
    case 'Ip':
      return compileIpTest(c.values);
    case 'Arn':
      return compileArnTest(c.values, substitute);
    case 'Null':
      return () => false;
  }
}
