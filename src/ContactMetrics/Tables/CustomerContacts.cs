using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// Each identified customer's contacts in an <see cref="InteractionTable"/>, as rows in order of arrival (ties by row: a
/// stable order, <see cref="RepeatContactDetector"/>'s): computed once per table (<see cref="InteractionTable.ContactsByCustomer"/>)
/// and read by every pass that walks a customer's contacts, whichever customers and observation end it asks for.
/// </summary>
internal sealed class CustomerContacts
{
    private readonly Dictionary<string, int> _codes;
    private readonly int[] _start;
    private readonly int[] _rows;
    private readonly long[] _arrived;

    public CustomerContacts(InteractionTable t)
    {
        _codes = new Dictionary<string, int>(t.Customers.Count, StringComparer.Ordinal);
        for (int c = 0; c < t.Customers.Count; c++)
        {
            _codes.TryAdd(t.Customers[c], c);
        }
        var identified = new bool[t.Count];
        for (int i = 0; i < t.Count; i++)
        {
            identified[i] = t.Customer[i] >= 0;
        }
        _rows = RepeatContactDetector.OrderByCustomer(t, identified, out _start);
        _arrived = t.ArrivedMs;
        for (int c = 0; c < t.Customers.Count; c++)
        {
            RepeatContactDetector.SortByArrival(_rows.AsSpan(_start[c], _start[c + 1] - _start[c]), _arrived);
        }
    }

    /// <summary>The rows of <paramref name="customer"/>'s contacts that arrived before <paramref name="end"/>, in order of arrival; empty when there are none.</summary>
    public ReadOnlySpan<int> Before(CustomerId customer, Instant end)
    {
        if (!_codes.TryGetValue(customer.Value, out int c))
        {
            return [];
        }
        var rows = _rows.AsSpan(_start[c], _start[c + 1] - _start[c]);
        // Sorted by arrival, so the contacts before the end are a prefix.
        int count = 0;
        while (count < rows.Length && Instant.FromUnixTimeMilliseconds(_arrived[rows[count]]) < end)
        {
            count++;
        }
        return rows[..count];
    }
}
