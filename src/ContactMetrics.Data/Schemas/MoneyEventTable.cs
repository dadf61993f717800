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
    private readonly Func<TRecord, CustomerId> _customerId;
    private readonly Func<TRecord, Instant> _occurredAt;
    private readonly Func<TRecord, Money> _amount;
    private readonly bool _unique;

    // unique: whether two identical rows (customer, time, amount and currency) are one event read twice.
    public MoneyEventTable(string name, string amountName, Func<TRecord, CustomerId> customerId, Func<TRecord, Instant> occurredAt, Func<TRecord, Money> amount, Func<CustomerId, Instant, Money, TRecord> create, bool unique)
        : base(name,
            new TextColumn<TRecord>("customer_id", r => customerId(r).Value, required: true),
            new InstantColumn<TRecord>("occurred_at", r => occurredAt(r), required: true),
            new DecimalColumn<TRecord>(amountName, ColumnKind.Amount, precision: 28, r => amount(r).Amount, required: true),
            new TextColumn<TRecord>("currency", r => amount(r).Currency.Code, required: true))
    {
        _currency = Columns[3];
        _create = create;
        _customerId = customerId;
        _occurredAt = occurredAt;
        _amount = amount;
        _unique = unique;
    }

    public override (string Key, Column Column, string What)? UniqueKey(TRecord record)
    {
        if (!_unique)
        {
            return null;
        }
        var money = _amount(record);
        string key = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{_customerId(record).Value}\u001f{_occurredAt(record).ToUnixTimeTicks()}\u001f{money.Amount}\u001f{money.Currency.Code}");
        return (key, Columns[0], $"{Name} row (same customer, time, {Columns[2].Name} and currency)");
    }

    public override bool IsRequired(Column column, TableReadOptions options)
        => column == _currency ? options.DefaultCurrency is null : column.Required;

    public override TRecord Read(RowContext row)
    {
        var customerId = row.Id(Columns[0], static s => new CustomerId(s));
        row.RecordId = customerId.Value;
        var occurredAt = row.Instant(Columns[1]);
        decimal amount = row.Amount(Columns[2]);
        var currency = row.Currency(_currency);
        return _create(customerId, occurredAt, new Money(amount, currency));
    }
}

/// <summary>The two money tables of the design.</summary>
internal static class MoneyEventTables
{
    public static MoneyEventTable<Purchase> Purchases { get; } = new(
        "purchases", "amount", r => r.CustomerId, r => r.OccurredAt, r => r.Amount, (c, t, m) => new Purchase(c, t, m), unique: false);

    public static MoneyEventTable<Conversion> Conversions { get; } = new(
        "conversions", "value", r => r.CustomerId, r => r.OccurredAt, r => r.Value, (c, t, m) => new Conversion(c, t, m), unique: true);
}
