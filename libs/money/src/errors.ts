/** Raised when a text cannot be read as an amount. The message quotes the input so a user can find it. */
export class MoneyParseError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`Montant illisible : « ${input} » — ${reason}`);
    this.name = 'MoneyParseError';
  }
}

/** Raised when an allocation is asked for something that cannot be split (no weight, negative weight). */
export class AllocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocationError';
  }
}
