using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Schemas;

/// <summary>
/// A table of amounts that customers spent at a time: <c>purchases</c> (customer_id, occurred_at,
/// amount, currency) and <c>conversions</c> (customer_id, occurred_at, value, currency). All columns are
/// required, except that <see cref="TableReadOptions.DefaultCurrency"/> stands in for an absent
/// currency column or an empty currency cell.
/// </summary>
internal sealed class MoneyEventTable<TRecord> : Table<TRecord>
{
    private readonly Column _currency;
    private readonly Func<CustomerId, Instant, Money, TRecord> _create;

    public MoneyEventTable(string name, string amountName, Func<TRecord, CustomerId> customerId, Func<TRecord, Instant> occurredAt, Func<TRecord, Money> amount, Func<CustomerId, Instant, Money, TRecord> create)
        : base(name,
            new TextColumn<TRecord>("customer_id", r => customerId(r).Value, required: true),
            new InstantColumn<TRecord>("occurred_at", r => occurredAt(r), required: true),
            new DecimalColumn<TRecord>(amountName, ColumnKind.Amount, precision: 28, r => amount(r).Amount, required: true),
            new TextColumn<TRecord>("currency", r => amount(r).Currency.Code, required: true))
    {
        _currency = Columns[3];
        _create = create;
    }

    public override bool IsRequired(Column column, TableReadOptions options)
        => column == _currency ? options.DefaultCurrency is null : column.Required;

    public override TRecord Read(RowContext row)
    {
        var customerId = row.Id(Columns[0], static s => new CustomerId(s));
        row.RecordId = customerId.Value;
        var occurredAt = row.Instant(Columns[1]);
        decimal amount = row.Decimal(Columns[2]);
        var currency = row.Currency(_currency);
        return _create(customerId, occurredAt, new Money(amount, currency));
    }
}

/// <summary>The two money tables of the design.</summary>
internal static class MoneyEventTables
{
    public static MoneyEventTable<Purchase> Purchases { get; } = new(
        "purchases", "amount", r => r.CustomerId, r => r.OccurredAt, r => r.Amount, (c, t, m) => new Purchase(c, t, m));

    public static MoneyEventTable<Conversion> Conversions { get; } = new(
        "conversions", "value", r => r.CustomerId, r => r.OccurredAt, r => r.Value, (c, t, m) => new Conversion(c, t, m));
}
