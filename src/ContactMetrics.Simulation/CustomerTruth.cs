using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// The latent, normally unobservable values the simulator drew for one customer, for checking
/// individual-level predictions (P(alive), expected spend, exposure) against the truth.
/// </summary>
public sealed class CustomerTruth
{
    internal CustomerTruth(
        CustomerId customerId,
        string segment,
        Instant acquiredAt,
        double purchaseRate,
        double dropoutProbability,
        double meanSpend,
        double contactsPerYear,
        Instant? purchaseDropoutAt,
        Instant? firstUnresolvedContactAt,
        Instant? churnedAt)
    {
        CustomerId = customerId;
        Segment = segment;
        AcquiredAt = acquiredAt;
        PurchaseRate = purchaseRate;
        DropoutProbability = dropoutProbability;
        MeanSpend = meanSpend;
        ContactsPerYear = contactsPerYear;
        PurchaseDropoutAt = purchaseDropoutAt;
        FirstUnresolvedContactAt = firstUnresolvedContactAt;
        ChurnedAt = churnedAt;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The customer's segment.</summary>
    public string Segment { get; }

    /// <summary>The acquisition instant, which is also the first (trial) purchase and BG/NBD time 0.</summary>
    public Instant AcquiredAt { get; }

    /// <summary>The customer's BG/NBD purchase rate lambda while active, in purchases per week.</summary>
    public double PurchaseRate { get; }

    /// <summary>The customer's BG/NBD drop-out probability p after each repeat purchase.</summary>
    public double DropoutProbability { get; }

    /// <summary>The customer's expected amount per purchase, p / nu of the Gamma-Gamma model, in the run's currency.</summary>
    public double MeanSpend { get; }

    /// <summary>The customer's rate of first contacts per year (segment rate times the customer's gamma multiplier).</summary>
    public double ContactsPerYear { get; }

    /// <summary>
    /// When the BG/NBD process became inactive (right after that repeat purchase), or <see langword="null"/>
    /// when it was still active at the end of the period (it may still have stopped at churn).
    /// </summary>
    public Instant? PurchaseDropoutAt { get; }

    /// <summary>The end of the customer's first unresolved contact (the start of the raised churn hazard), if any.</summary>
    public Instant? FirstUnresolvedContactAt { get; }

    /// <summary>The churn instant, or <see langword="null"/> when still a customer at the end of the period.</summary>
    public Instant? ChurnedAt { get; }

    /// <summary>Whether the BG/NBD process was still active at the end (neither dropped out nor churned).</summary>
    public bool IsAliveAtEnd => PurchaseDropoutAt is null && ChurnedAt is null;

    /// <inheritdoc />
    public override string ToString() => $"truth {CustomerId} ({Segment})";
}
