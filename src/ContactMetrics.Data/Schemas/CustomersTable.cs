using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;

namespace ContactMetrics.Data.Schemas;

/// <summary>
/// <c>customers</c>: required customer_id and acquired_on; optional segment and churned_on (empty:
/// still a customer).
/// </summary>
internal sealed class CustomersTable : Table<Customer>
{
    private static readonly TextColumn<Customer> Id = new("customer_id", r => r.Id.Value, required: true);
    private static readonly TextColumn<Customer> Segment = new("segment", r => r.Segment);
    private static readonly DateColumn<Customer> AcquiredOn = new("acquired_on", r => r.AcquiredOn, required: true);
    private static readonly DateColumn<Customer> ChurnedOn = new("churned_on", r => r.ChurnedOn);

    private CustomersTable()
        : base("customers", Id, Segment, AcquiredOn, ChurnedOn)
    {
    }

    public static CustomersTable Instance { get; } = new();

    public override Customer Read(RowContext row)
    {
        var id = row.Id(Id, static s => new CustomerId(s));
        row.RecordId = id.Value;
        string? segment = row.Text(Segment);
        var acquiredOn = row.Date(AcquiredOn);
        var churnedOn = row.OptionalDate(ChurnedOn);
        return new Customer(id, acquiredOn, churnedOn, segment);
    }

    public override (string Key, Column Column, string What)? UniqueKey(Customer record) => (record.Id.Value, Id, "customer_id");
}
