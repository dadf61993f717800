using System.Collections.Immutable;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Attribution;

/// <summary>
/// Cuts touchpoints (and optionally service contacts) into journeys that end in a conversion or not, and
/// compresses journeys into a <see cref="PathSummary"/>.
/// </summary>
/// <remarks>
/// <para>Per customer, in time order: a conversion's journey is its touches after the previous conversion of
/// the customer and within [conversion - lookback, conversion] (a touch at the instant of a conversion belongs
/// to it). Touches older than the lookback are dropped. The touches after the last conversion form one
/// non-converting journey (those within the lookback before its last touch).</para>
/// <para>A conversion with no touch in its window gets the one-touch path <see cref="JourneyOptions.DirectChannel"/>
/// at its own instant, so every conversion is attributed and the totals hold.</para>
/// <para>A service contact of an identified customer becomes the touch <c>service:&lt;channel&gt;</c> (e.g.
/// <c>service:phone</c>) at the instant it ended.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "The Build overloads differ in the touchpoints' and interactions' types (tables or records); a call that leaves the interactions out takes the records overload, and a null literal for them needs its type (a cast) or can be left out.")]
public static class JourneyBuilder
{
    /// <summary>Builds the journeys.</summary>
    /// <param name="touchpoints">Marketing touches.</param>
    /// <param name="conversions">Conversions.</param>
    /// <param name="interactions">Service contacts to add as <c>service:*</c> touches, or <see langword="null"/>.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The journeys, by customer id (ordinal) and time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="touchpoints"/> or <paramref name="conversions"/> is null.</exception>
    public static IReadOnlyList<Journey> Build(
        IEnumerable<Touchpoint> touchpoints,
        IEnumerable<Conversion> conversions,
        IEnumerable<Interaction>? interactions = null,
        JourneyOptions? options = null) =>
        Build(MarketingTouches(touchpoints), conversions, (interactions ?? []).Where(i => i.CustomerId is not null)
            .Select(i => (i.CustomerId!.Value, new JourneyTouch(JourneyOptions.DefaultServicePrefix + i.Channel.ToSchemaName(), i.EndedAt))), options);

    /// <summary>
    /// Builds the journeys with the service contacts of a columnar interaction table: as the records overload on the same
    /// contacts, except that a contact's end is the table's, to the millisecond (the records overload keeps the tick).
    /// </summary>
    /// <param name="touchpoints">Marketing touches.</param>
    /// <param name="conversions">Conversions.</param>
    /// <param name="interactions">Service contacts to add as <c>service:*</c> touches (those of identified customers).</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The journeys, by customer id (ordinal) and time.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    public static IReadOnlyList<Journey> Build(
        IEnumerable<Touchpoint> touchpoints,
        IEnumerable<Conversion> conversions,
        InteractionTable interactions,
        JourneyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        return Build(MarketingTouches(touchpoints), conversions, ServiceTouches(interactions), options);
    }

    /// <summary>
    /// Builds the journeys from the columnar tables a <c>ContactCenterData</c> holds: the same journeys as the records
    /// overloads give for the same touches and contacts (a contact's end to the millisecond, as the table keeps it).
    /// </summary>
    /// <param name="touchpoints">Marketing touches, by column.</param>
    /// <param name="conversions">Conversions.</param>
    /// <param name="interactions">Service contacts to add as <c>service:*</c> touches (those of identified customers).</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The journeys, by customer id (ordinal) and time.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    public static IReadOnlyList<Journey> Build(
        TouchpointTable touchpoints,
        IEnumerable<Conversion> conversions,
        InteractionTable interactions,
        JourneyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(touchpoints);
        ArgumentNullException.ThrowIfNull(interactions);
        return Build(touchpoints.Rows().Select(t => (t.Customer, new JourneyTouch(t.Channel, t.OccurredAt))), conversions, ServiceTouches(interactions), options);
    }

    private static IEnumerable<(CustomerId Customer, JourneyTouch Touch)> MarketingTouches(IEnumerable<Touchpoint> touchpoints)
    {
        ArgumentNullException.ThrowIfNull(touchpoints);
        return touchpoints.Select(t => (t.CustomerId, new JourneyTouch(t.Channel, t.OccurredAt)));
    }

    private static IEnumerable<(CustomerId Customer, JourneyTouch Touch)> ServiceTouches(InteractionTable t)
    {
        var customers = t.Customers.Select(c => new CustomerId(c)).ToArray();
        var channels = ChannelNames.All.ToDictionary(c => (byte)c, c => JourneyOptions.DefaultServicePrefix + c.ToSchemaName());
        for (int i = 0; i < t.Count; i++)
        {
            if (t.Customer[i] >= 0)
            {
                yield return (customers[t.Customer[i]], new JourneyTouch(channels[t.Channel[i]], t.EndedAt(i)));
            }
        }
    }

    private static IReadOnlyList<Journey> Build(
        IEnumerable<(CustomerId Customer, JourneyTouch Touch)> marketingTouches,
        IEnumerable<Conversion> conversions,
        IEnumerable<(CustomerId Customer, JourneyTouch Touch)> serviceTouches,
        JourneyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(conversions);
        options ??= new JourneyOptions();
        var touches = new Dictionary<CustomerId, List<JourneyTouch>>();
        foreach (var (customer, touch) in marketingTouches)
        {
            Add(touches, customer, touch);
        }
        foreach (var (customer, touch) in serviceTouches)
        {
            Add(touches, customer, touch);
        }
        var byCustomer = new Dictionary<CustomerId, List<Conversion>>();
        foreach (var c in conversions)
        {
            Add(byCustomer, c.CustomerId, c);
        }
        var customers = touches.Keys.Union(byCustomer.Keys).OrderBy(c => c.Value, StringComparer.Ordinal);
        var journeys = new List<Journey>();
        foreach (var customer in customers)
        {
            var ts = touches.TryGetValue(customer, out var tl) ? tl.OrderBy(t => t.OccurredAt).ToList() : [];
            var cs = byCustomer.TryGetValue(customer, out var cl) ? cl.OrderBy(c => c.OccurredAt).ToList() : [];
            CutCustomer(customer, ts, cs, options, journeys);
        }
        return journeys;
    }

    /// <summary>Compresses journeys into a path summary: a converted journey adds 1 conversion and its value, another adds 1 null.</summary>
    /// <param name="journeys">The journeys; every conversion in the same currency.</param>
    /// <returns>The summary; channels in order of first appearance; its <see cref="PathSummary.Currency"/> is the
    /// conversions' currency (<c>XXX</c>, no currency, when no journey converts).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journeys"/> is null.</exception>
    /// <exception cref="ArgumentException">A journey is empty, or the conversions have different currencies.</exception>
    public static PathSummary Summarize(IEnumerable<Journey> journeys)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var builder = new PathSummaryBuilder();
        Currency? currency = null;
        foreach (var journey in journeys)
        {
            Preconditions.CheckArgument(journey.Touches.Length > 0, nameof(journeys), $"A journey of {journey.CustomerId} has no touch.");
            var path = new int[journey.Touches.Length];
            for (int i = 0; i < path.Length; i++)
            {
                path[i] = builder.ChannelIndex(journey.Touches[i].Channel);
            }
            if (journey.Conversion is { } conversion)
            {
                currency ??= conversion.Value.Currency;
                Preconditions.CheckArgument(currency == conversion.Value.Currency, nameof(journeys),
                    $"The conversion of {conversion.CustomerId} is in {conversion.Value.Currency}, others in {currency}.");
                builder.AddIndexes(path, 1, (double)conversion.Value.Amount, 0);
            }
            else
            {
                builder.AddIndexes(path, 0, 0, 1);
            }
        }
        return builder.Build(currency ?? default);
    }

    private static void Add<T>(Dictionary<CustomerId, List<T>> map, CustomerId customer, T item)
    {
        if (!map.TryGetValue(customer, out var list))
        {
            list = [];
            map.Add(customer, list);
        }
        list.Add(item);
    }

    private static void CutCustomer(CustomerId customer, List<JourneyTouch> touches, List<Conversion> conversions, JourneyOptions options, List<Journey> journeys)
    {
        int next = 0;
        foreach (var conversion in conversions)
        {
            var start = conversion.OccurredAt - options.Lookback;
            var window = new List<JourneyTouch>();
            for (; next < touches.Count && touches[next].OccurredAt <= conversion.OccurredAt; next++)
            {
                if (touches[next].OccurredAt >= start)
                {
                    window.Add(touches[next]);
                }
            }
            if (window.Count == 0)
            {
                window.Add(new JourneyTouch(options.DirectChannel, conversion.OccurredAt));
            }
            journeys.Add(new Journey(customer, Finish(window, options), conversion));
        }
        if (next < touches.Count)
        {
            var end = touches[^1].OccurredAt;
            var rest = touches.Skip(next).Where(t => t.OccurredAt >= end - options.Lookback).ToList();
            journeys.Add(new Journey(customer, Finish(rest, options), null));
        }
    }

    private static ImmutableArray<JourneyTouch> Finish(List<JourneyTouch> touches, JourneyOptions options)
    {
        if (!options.CollapseRepeats)
        {
            return [.. touches];
        }
        var collapsed = ImmutableArray.CreateBuilder<JourneyTouch>(touches.Count);
        foreach (var touch in touches)
        {
            if (collapsed.Count > 0 && collapsed[^1].Channel == touch.Channel)
            {
                collapsed[^1] = touch;
            }
            else
            {
                collapsed.Add(touch);
            }
        }
        return collapsed.ToImmutable();
    }
}
