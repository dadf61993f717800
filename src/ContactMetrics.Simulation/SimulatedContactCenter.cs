using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// The tables of one simulated contact center and, in <see cref="Options"/>, the planted
/// parameters that produced them.
/// </summary>
/// <remarks>
/// Everything happens in [<see cref="Start"/>, <see cref="End"/>). Customers are ordered by id;
/// the event tables by time (ties in a fixed order). An email whose answer would fall after <see cref="End"/> is in
/// <see cref="Interactions"/> unanswered (no agent, no handling, resolution unknown); live contacts still waiting or in
/// service at <see cref="End"/> are not.
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
        IReadOnlyList<Conversion> controlConversions,
        IReadOnlyList<StaffingInterval> staffingPlan,
        IReadOnlyList<CustomerTruth> customerTruths,
        IReadOnlyList<AgentTruth> agentTruths)
    {
        Options = options;
        Customers = customers;
        Interactions = interactions;
        Purchases = purchases;
        Touchpoints = touchpoints;
        Conversions = conversions;
        ControlConversions = controlConversions;
        StaffingPlan = staffingPlan;
        CustomerTruths = customerTruths;
        AgentTruths = agentTruths;
    }

    /// <summary>The options of the run: the planted truth.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The start of the period: the start of <see cref="SimulationOptions.Start"/> in the time zone.</summary>
    public Instant Start => Options.StartInstant;

    /// <summary>The end of the period (exclusive): the as-of instant of every table.</summary>
    public Instant End => Options.EndInstant;

    /// <summary>The customers, ordered by id (<c>C000001</c>, ...); <see cref="Customer.ChurnedOn"/> is a local date.</summary>
    public IReadOnlyList<Customer> Customers { get; }

    /// <summary>The closed interactions and the emails still unanswered at the end (<c>I0000001</c>, ... in order of arrival).</summary>
    public IReadOnlyList<Interaction> Interactions { get; }

    /// <summary>The purchases, in time order; each customer's first is at acquisition.</summary>
    public IReadOnlyList<Purchase> Purchases { get; }

    /// <summary>The marketing touchpoints, in time order.</summary>
    public IReadOnlyList<Touchpoint> Touchpoints { get; }

    /// <summary>The conversions, in time order.</summary>
    public IReadOnlyList<Conversion> Conversions { get; }

    /// <summary>
    /// The conversions of the control, in time order: the same world with the planted
    /// <see cref="MarketingOptions.ServiceLift"/> switched off (1), so the run minus the control is the
    /// lift's effect. Part of the truth: a real contact center never observes its control.
    /// </summary>
    /// <remarks>
    /// <para>Only conversions differ in the control (nothing else depends on them): its customers,
    /// interactions, purchases, touchpoints and staffing plan are this run's tables.</para>
    /// <para>A paired counterfactual drawn in the same pass with common random numbers: the thinning of
    /// the conversion process (see <see cref="MarketingOptions"/>) accepts a proposal at instant t when
    /// u * maxRate &lt; c(t); the control tests the same proposal with the same u against c(t) without the
    /// service factor, and a conversion of both worlds has the same value. Hence with
    /// <see cref="MarketingOptions.ServiceLift"/> = 1 the control equals <see cref="Conversions"/>; with a
    /// lift above 1 the control is a subset of <see cref="Conversions"/> and lacks exactly the conversions
    /// the lift added (all within <see cref="MarketingOptions.ServiceWindow"/> after a resolved service
    /// contact); with a lift below 1 it is a superset.</para>
    /// <para>The control has the distribution of a run with lift 1 and the same seed, but not its draws: the
    /// thinning's maximum rate includes the lift, so a separate run with lift 1 proposes other instants.</para>
    /// </remarks>
    public IReadOnlyList<Conversion> ControlConversions { get; }

    /// <summary>The hourly staffing plan of every queued channel, by channel then time.</summary>
    public IReadOnlyList<StaffingInterval> StaffingPlan { get; }

    /// <summary>The latent values of each customer, in the order of <see cref="Customers"/>.</summary>
    public IReadOnlyList<CustomerTruth> CustomerTruths { get; }

    /// <summary>Every agent employed in the period, in the order of their ids: team, skills, shift, hire and leaving dates.</summary>
    public IReadOnlyList<AgentTruth> AgentTruths { get; }
}
