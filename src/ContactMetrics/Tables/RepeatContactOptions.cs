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

/// <summary>How repeat contacts are detected for first-contact resolution.</summary>
public sealed record RepeatContactOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="window">A later contact within this time of an earlier one is a repeat; positive; 7 days by default.</param>
    /// <param name="sameReason">Whether only a contact on the same reason counts as a repeat (default); otherwise any reason.</param>
    /// <param name="scope">Whether the repeat may come on any channel (default) or only the same one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not positive.</exception>
    public RepeatContactOptions(Duration? window = null, bool sameReason = true, RepeatChannelScope scope = RepeatChannelScope.AnyChannel)
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
        Window = w;
        SameReason = sameReason;
        Scope = scope;
    }

    /// <summary>The repeat window.</summary>
    public Duration Window { get; }

    /// <summary>Whether only a contact on the same reason counts.</summary>
    public bool SameReason { get; }

    /// <summary>Which channels a repeat may come on.</summary>
    public RepeatChannelScope Scope { get; }

    /// <summary>The definition in words, e.g. <c>a later inbound contact of the same customer on the same reason within 7 days, any channel</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"a later inbound contact of the same customer{(SameReason ? " on the same reason" : "")} within {Window.TotalDays:0.##} days, {(Scope == RepeatChannelScope.SameChannel ? "same channel" : "any channel")}");
}
