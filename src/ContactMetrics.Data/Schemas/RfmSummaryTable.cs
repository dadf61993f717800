using ContactMetrics.Clv;
using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;

namespace ContactMetrics.Data.Schemas;

/// <summary>
/// <c>rfm summary</c>: customer_id, frequency (whole number), recency, T and monetary_value (numbers),
/// all required. The row checks (recency in [0, T], 0 when the frequency is 0, ...) are those of
/// <see cref="RfmSummaryRow"/>, whose errors name the column.
/// </summary>
internal sealed class RfmSummaryTable : Table<RfmSummaryRow>
{
    private static readonly TextColumn<RfmSummaryRow> Id = new("customer_id", r => r.CustomerId.Value, required: true);
    private static readonly IntegerColumn<RfmSummaryRow> Frequency = new("frequency", r => r.Frequency, required: true);
    private static readonly DoubleColumn<RfmSummaryRow> Recency = new("recency", r => r.Recency, required: true);
    private static readonly DoubleColumn<RfmSummaryRow> Age = new("T", r => r.Age, required: true);
    private static readonly DoubleColumn<RfmSummaryRow> MonetaryValue = new("monetary_value", r => r.MonetaryValue, required: true);

    private RfmSummaryTable()
        : base("rfm summary", Id, Frequency, Recency, Age, MonetaryValue)
    {
    }

    public static RfmSummaryTable Instance { get; } = new();

    public override RfmSummaryRow Read(RowContext row)
    {
        var id = row.Id(Id, static s => new CustomerId(s));
        row.RecordId = id.Value;
        int frequency = row.Integer(Frequency) ?? throw row.Reject(Frequency, "is required");
        double recency = row.Double(Recency);
        double age = row.Double(Age);
        double monetaryValue = row.Double(MonetaryValue);
        if (Math.Abs(monetaryValue) > (double)CellText.MaxAmount)
        {
            throw row.Reject(MonetaryValue, "is beyond the largest amount a table may hold (10^15 in absolute value)");
        }
        return new RfmSummaryRow(id, frequency, recency, age, monetaryValue);
    }
}
