using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>Which later contacts count as a repeat of an earlier one.</summary>
public enum RepeatChannelScope
{
    /// <summary>A later contact on any channel counts.</summary>
    AnyChannel = 0,

    /// <summary>Only a later contact on the same channel counts.</summary>
    SameChannel = 1,
}

/// <summary>What first-contact resolution counts: the customer's issue (the industry's meaning) or every handled contact.</summary>
public enum FcrBasis
{
    /// <summary>
    /// Per issue (SQM Group, ICMI: requests resolved on the first contact / customer requests): an issue starts at a handled
    /// contact with no handled contact on that reason in the window before it; it was resolved first time when no contact
    /// on that reason follows its first contact within the window. A three-call issue scores 0/1.
    /// </summary>
    Issue = 0,

    /// <summary>Per contact: handled contacts that no repeat followed within the window / handled contacts, the repeats themselves included (a three-call issue scores 1/3).</summary>
    Contact = 1,
}

/// <summary>How repeat contacts are detected for first-contact resolution, and what FCR counts (<see cref="FcrBasis"/>).</summary>
public sealed record RepeatContactOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="window">A later contact within this time of an earlier one is a repeat; positive; 7 days by default.</param>
    /// <param name="sameReason">Whether only a contact on the same reason counts as a repeat (default); otherwise any reason.</param>
    /// <param name="scope">Whether the repeat may come on any channel (default) or only the same one.</param>
    /// <param name="basis">What FCR, the repeat-contact rate and the business case count: issues (default) or contacts.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not positive, or an enum is not a defined value.</exception>
    public RepeatContactOptions(Duration? window = null, bool sameReason = true, RepeatChannelScope scope = RepeatChannelScope.AnyChannel, FcrBasis basis = FcrBasis.Issue)
    {
        var w = window ?? Duration.FromDays(7);
        if (w <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), w, $"A repeat-contact window must be positive; was {w.TotalSeconds} s.");
        }
        if (!Enum.IsDefined(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a defined channel scope.");
        }
        if (!Enum.IsDefined(basis))
        {
            throw new ArgumentOutOfRangeException(nameof(basis), basis, "Not a defined FCR basis; use Issue or Contact.");
        }
        Window = w;
        SameReason = sameReason;
        Scope = scope;
        Basis = basis;
    }

    /// <summary>The repeat window.</summary>
    public Duration Window { get; }

    /// <summary>Whether only a contact on the same reason counts.</summary>
    public bool SameReason { get; }

    /// <summary>Which channels a repeat may come on.</summary>
    public RepeatChannelScope Scope { get; }

    /// <summary>What FCR, the repeat-contact rate, cost per resolution and the business case count: issues or contacts.</summary>
    public FcrBasis Basis { get; }

    /// <summary>
    /// The definition in words, the unit first, e.g. <c>per issue (SQM, ICMI): an issue starts at a handled inbound contact
    /// with no handled contact of the same customer on the same reason in the 7 days before it; a repeat is a later inbound
    /// contact of the same customer on the same reason within 7 days, any channel</c>.
    /// </summary>
    /// <returns>The description; every result that rests on repeats carries it.</returns>
    public string Describe()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        string reason = SameReason ? " on the same reason" : "";
        string days = string.Create(c, $"{Window.TotalDays:0.##} days");
        string repeat = $"a repeat is a later inbound contact of the same customer{reason} within {days}, {(Scope == RepeatChannelScope.SameChannel ? "same channel" : "any channel")}";
        return Basis == FcrBasis.Issue
            ? $"per issue (SQM, ICMI): an issue starts at a handled inbound contact with no handled contact of the same customer{reason}{(Scope == RepeatChannelScope.SameChannel ? " and channel" : "")} in the {days} before it; {repeat}"
            : $"per contact: every handled inbound contact counts, repeats included; {repeat}";
    }
}
