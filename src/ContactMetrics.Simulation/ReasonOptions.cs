namespace ContactMetrics.Simulation;

/// <summary>A contact reason (disposition) of the simulated center: its share and how hard it is to resolve.</summary>
public sealed record ReasonOptions
{
    /// <summary>Creates a reason.</summary>
    /// <param name="name">The name written to <see cref="Domain.Interaction.Reason"/>, e.g. <c>billing</c>.</param>
    /// <param name="share">Its share of first contacts, in [0, 1]; the shares of all reasons sum to 1.</param>
    /// <param name="resolutionFactor">Multiplies the channel's resolution probability (result capped at 1); at least 0.</param>
    /// <exception cref="ArgumentException">A value is out of range; the exception names it.</exception>
    public ReasonOptions(string name, double share, double resolutionFactor)
    {
        Name = name;
        Share = share;
        ResolutionFactor = resolutionFactor;
    }

    /// <summary>The reason's name; not blank, no surrounding white space.</summary>
    /// <exception cref="ArgumentException">The value is blank or has surrounding white space.</exception>
    public string Name { get; init => field = OptionChecks.Name(value, nameof(Name)); }

    /// <summary>Share of first contacts with this reason, in [0, 1]; repeats keep their first contact's reason.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double Share { get; init => field = OptionChecks.Probability(value, nameof(Share)); }

    /// <summary>
    /// Factor on <see cref="ChannelOptions.ResolutionProbability"/>: a contact with this reason is
    /// resolved with probability min(1, channel probability * factor). At least 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double ResolutionFactor { get; init => field = Preconditions.CheckNonNegative(value, nameof(ResolutionFactor)); }

    /// <summary>
    /// Multiplies the talk time of the reason's contacts on every agent channel (a technical question takes longer than an
    /// order status); greater than 0. Default 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public double HandleTimeFactor { get; init => field = Preconditions.CheckPositive(value, nameof(HandleTimeFactor)); } = 1.0;
}
