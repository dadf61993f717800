using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// The tables of one simulated contact center and, in <see cref="Options"/>, the planted
/// parameters that produced them.
/// </summary>
/// <remarks>
/// Everything happens in [<see cref="Start"/>, <see cref="End"/>). Customers are ordered by id;
/// the event tables by time (ties in a fixed order). Interactions still open at <see cref="End"/>
/// (waiting, in service, email not yet answered) are not in <see cref="Interactions"/>.
/// </remarks>
public sealed class SimulatedContactCenter
{
    internal SimulatedContactCenter(
        SimulationOptions options,
        IReadOnlyList<Customer> customers,
        IReadOnlyList<Interaction> interactions,
        IReadOnlyList<Purchase> purchases,
        IReadOnlyList<Touchpoint> touchpoints,
        IReadOnlyList<Conversion> conversions,
        IReadOnlyList<StaffingInterval> staffingPlan,
        IReadOnlyList<CustomerTruth> customerTruths)
    {
        Options = options;
        Customers = customers;
        Interactions = interactions;
        Purchases = purchases;
        Touchpoints = touchpoints;
        Conversions = conversions;
        StaffingPlan = staffingPlan;
        CustomerTruths = customerTruths;
    }

    /// <summary>The options of the run: the planted truth.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The start of the period: the start of <see cref="SimulationOptions.Start"/> in the time zone.</summary>
    public Instant Start => Options.StartInstant;

    /// <summary>The end of the period (exclusive): the as-of instant of every table.</summary>
    public Instant End => Options.EndInstant;

    /// <summary>The customers, ordered by id (<c>C000001</c>, ...); <see cref="Customer.ChurnedOn"/> is a local date.</summary>
    public IReadOnlyList<Customer> Customers { get; }

    /// <summary>The closed interactions (<c>I0000001</c>, ... in order of arrival).</summary>
    public IReadOnlyList<Interaction> Interactions { get; }

    /// <summary>The purchases, in time order; each customer's first is at acquisition.</summary>
    public IReadOnlyList<Purchase> Purchases { get; }

    /// <summary>The marketing touchpoints, in time order.</summary>
    public IReadOnlyList<Touchpoint> Touchpoints { get; }

    /// <summary>The conversions, in time order.</summary>
    public IReadOnlyList<Conversion> Conversions { get; }

    /// <summary>The hourly staffing plan of every queued channel, by channel then time.</summary>
    public IReadOnlyList<StaffingInterval> StaffingPlan { get; }

    /// <summary>The latent values of each customer, in the order of <see cref="Customers"/>.</summary>
    public IReadOnlyList<CustomerTruth> CustomerTruths { get; }
}
