using System.Globalization;
using ContactMetrics.Domain;

namespace ContactMetrics.Clv;

/// <summary>
/// One customer's row of an RFM summary, as the <c>rfm summary</c> table of the design holds it:
/// customer_id, frequency, recency, T, monetary_value. See <see cref="RfmSummary"/> for the definitions.
/// </summary>
public sealed class RfmSummaryRow
{
    private const string RecordType = "rfm summary";

    /// <summary>Creates a row.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="frequency">Frequency x, the number of repeat transactions; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], and 0 when x = 0.</param>
    /// <param name="age">Age T; finite and at least 0.</param>
    /// <param name="monetaryValue">Mean spend per repeat transaction; finite and at least 0.</param>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default (empty) id.</exception>
    /// <exception cref="InvalidRecordException">A value is out of range; the exception names its column (frequency, recency, T, monetary_value).</exception>
    public RfmSummaryRow(CustomerId customerId, int frequency, double recency, double age, double monetaryValue)
    {
        if (customerId.Value.Length == 0)
        {
            throw new ArgumentException("An RFM summary row needs a customer id (the default CustomerId is empty).", nameof(customerId));
        }
        string id = customerId.Value;
        if (frequency < 0)
        {
            throw Invalid(id, "frequency", frequency, "is negative: the number of repeat transactions must be at least 0", nameof(frequency));
        }
        if (!(age >= 0) || !double.IsFinite(age))
        {
            throw Invalid(id, "T", age, "must be a finite number of at least 0", nameof(age));
        }
        if (!(recency >= 0 && recency <= age))
        {
            throw Invalid(id, "recency", recency, string.Create(CultureInfo.InvariantCulture, $"must be in [0, T = {age}]"), nameof(recency));
        }
        if (frequency == 0 && recency != 0)
        {
            throw Invalid(id, "recency", recency, "must be 0 when the frequency is 0", nameof(recency));
        }
        if (!(monetaryValue >= 0) || !double.IsFinite(monetaryValue))
        {
            throw Invalid(id, "monetary_value", monetaryValue, "must be a finite number of at least 0", nameof(monetaryValue));
        }
        CustomerId = customerId;
        Frequency = frequency;
        Recency = recency;
        Age = age;
        MonetaryValue = monetaryValue;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>Frequency x: the number of repeat transactions.</summary>
    public int Frequency { get; }

    /// <summary>Recency t_x: the time from the first to the last transaction.</summary>
    public double Recency { get; }

    /// <summary>Age T: the time from the first transaction to the end of the calibration period.</summary>
    public double Age { get; }

    /// <summary>Monetary value: the mean amount of the repeat transactions (0 when x = 0).</summary>
    public double MonetaryValue { get; }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{RecordType} {CustomerId}: x = {Frequency}, t_x = {Recency}, T = {Age}, monetary value {MonetaryValue}");

    private static InvalidRecordException Invalid(string id, string field, double value, string reason, string paramName)
        => new(RecordType, id, field, value.ToString("R", CultureInfo.InvariantCulture), reason, paramName);
}
