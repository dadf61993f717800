using System.Collections.Immutable;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// One customer issue of the per-issue FCR definition (docs/kpis.md): a handled inbound contact that repeats nothing
/// (its first contact) and the contacts of its repeat chain, the repeats linked one by one within the window.
/// </summary>
/// <param name="FirstContact">The issue's first contact.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Reason">The first contact's reason; <see langword="null"/> when it has none.</param>
/// <param name="Channel">The first contact's channel.</param>
/// <param name="FirstArrivedAt">When the first contact arrived, to the millisecond (floored).</param>
/// <param name="Contacts">The contacts of the chain, the first included (repeats that were abandoned too).</param>
/// <param name="Repeats">The handled contacts of the chain after the first: the repeat contacts <see cref="Kpis.KpiCounts"/> counts.</param>
public sealed record Issue(InteractionId FirstContact, CustomerId Customer, string? Reason, Channel Channel, Instant FirstArrivedAt, long Contacts, long Repeats)
{
    /// <summary>Whether no repeat followed the first contact within the window: the chain is that contact alone.</summary>
    public bool ResolvedFirstTime => Contacts == 1;

    /// <summary>
    /// The issues of a table under a repeat rule, one per chain that starts at a handled inbound contact of an
    /// identified customer, ordered by first contact id (ordinal). Their count is <see cref="Kpis.KpiCounts.Issues"/>
    /// of the whole table, those resolved first time <see cref="Kpis.KpiCounts.IssuesResolvedFirstTime"/>.
    /// </summary>
    /// <param name="table">The interactions.</param>
    /// <param name="options">The repeat rule; the KPI default (7 days, same reason, any agent channel) when null.</param>
    /// <returns>The issues.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static ImmutableArray<Issue> Of(InteractionTable table, RepeatContactOptions? options = null)
    {
        Preconditions.CheckNotNull(table);
        options ??= new RepeatContactOptions();
        int degree = Environment.ProcessorCount;
        var chainOf = table.RepeatChains(options, degree);
        var flags = table.RepeatFlags(options, degree);
        var contacts = new long[table.Count];
        var repeats = new long[table.Count];
        for (int i = 0; i < table.Count; i++)
        {
            contacts[chainOf[i]]++;
            if (chainOf[i] != i && (flags[i] & RepeatContactDetector.Eligible) != 0)
            {
                repeats[chainOf[i]]++;
            }
        }
        var issues = new List<Issue>();
        for (int i = 0; i < table.Count; i++)
        {
            if (chainOf[i] == i && (flags[i] & RepeatContactDetector.Eligible) != 0)
            {
                issues.Add(new Issue(new InteractionId(table.Id[i]), new CustomerId(table.Customers[table.Customer[i]]),
                    table.Reason[i] < 0 ? null : table.Reasons[table.Reason[i]], (Channel)table.Channel[i],
                    Instant.FromUnixTimeMilliseconds(table.ArrivedMs[i]), contacts[i], repeats[i]));
            }
        }
        return [.. issues.OrderBy(x => x.FirstContact.Value, StringComparer.Ordinal)];
    }
}
