// An output's HTTP status where the operation's model has no member for it (S3 GetObject answers
// 206 to a range): a symbol, so it is never a member of the output and never serialized.
export const httpStatus: unique symbol = Symbol('rolegate.httpStatus');
