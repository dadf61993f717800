using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Staffing;
using MathNet.Numerics.Distributions;

namespace ContactMetrics.Valuation;

/// <summary>
/// One input of a business case: a point value with an interval, what the interval means, the distribution the Monte
/// Carlo draws from, and where the value came from (measured from data or assumed). Inputs are identified by
/// <see cref="Name"/>: two line items that use an input of the same name share it, and the Monte Carlo draws it once per
/// iteration for both. Immutable.
/// </summary>
/// <remarks>
/// Draws are clamped to [<see cref="Minimum"/>, <see cref="Maximum"/>] (a rate stays in [0, 1] even when the normal
/// approximation of its interval would leave it). An input with <see cref="Low"/> = <see cref="High"/> is fixed: every
/// draw is the point value.
/// </remarks>
public sealed record UncertainInput
{
    /// <summary>Creates an input; the factories (<see cref="Assumed"/>, <see cref="FromRate"/>, ...) cover the usual cases.</summary>
    /// <param name="name">The name, unique within a business case, e.g. <c>cost per assisted contact</c>; not blank.</param>
    /// <param name="unit">The unit in words, e.g. <c>contacts a year</c>, <c>EUR per contact</c>, <c>share</c>; not blank.</param>
    /// <param name="point">The value the deterministic case uses; finite, in [<paramref name="low"/>, <paramref name="high"/>].</param>
    /// <param name="low">The lower end of the interval; finite, at least <paramref name="minimum"/>.</param>
    /// <param name="high">The upper end of the interval; finite, at most <paramref name="maximum"/>.</param>
    /// <param name="coverage">
    /// The probability the interval holds: in (0, 1) for <see cref="SamplingDistribution.Normal"/> (0.95 for a 95%
    /// confidence interval, 0.8 for a P10-P90); exactly 1 (the full range) for the other distributions.
    /// </param>
    /// <param name="distribution">How the Monte Carlo draws the input.</param>
    /// <param name="source">Where the value came from.</param>
    /// <param name="currency">The currency when the input is an amount of money; <see langword="null"/> otherwise.</param>
    /// <param name="minimum">The smallest value that makes sense (0 for counts and rates); draws are clamped to it.</param>
    /// <param name="maximum">The largest value that makes sense (1 for a share); draws are clamped to it.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="unit"/> is blank, or <paramref name="currency"/> is the default (XXX).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A value is NaN or infinite, the values are not ordered <paramref name="minimum"/> &lt;= <paramref name="low"/> &lt;=
    /// <paramref name="point"/> &lt;= <paramref name="high"/> &lt;= <paramref name="maximum"/>, the coverage does not fit the
    /// distribution, or the distribution is not defined. The message names the input.
    /// </exception>
    public UncertainInput(
        string name,
        string unit,
        double point,
        double low,
        double high,
        double coverage,
        SamplingDistribution distribution,
        InputSource source,
        Currency? currency = null,
        double minimum = double.NegativeInfinity,
        double maximum = double.PositiveInfinity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        Name = name;
        Unit = unit;
        Source = source ?? throw new ArgumentNullException(nameof(source), $"Input '{name}' needs a source (measured or assumed).");
        if (currency == default(Currency))
        {
            throw new ArgumentException($"Input '{name}': the currency must be a real currency, not the default XXX.", nameof(currency));
        }
        Currency = currency;
        CheckFinite(name, point, nameof(point));
        CheckFinite(name, low, nameof(low));
        CheckFinite(name, high, nameof(high));
        if (double.IsNaN(minimum) || double.IsNaN(maximum) || minimum > maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, string.Create(CultureInfo.InvariantCulture,
                $"Input '{name}': the bounds must be ordered numbers; were [{minimum}, {maximum}]."));
        }
        if (!(low <= point))
        {
            throw new ArgumentOutOfRangeException(nameof(low), low, string.Create(CultureInfo.InvariantCulture,
                $"Input '{name}': low {low:R} is above the point value {point:R}; need low <= point <= high."));
        }
        if (!(point <= high))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, string.Create(CultureInfo.InvariantCulture,
                $"Input '{name}': high {high:R} is below the point value {point:R}; need low <= point <= high."));
        }
        if (low < minimum || high > maximum)
        {
            throw new ArgumentOutOfRangeException(low < minimum ? nameof(low) : nameof(high), low < minimum ? low : high, string.Create(CultureInfo.InvariantCulture,
                $"Input '{name}': the interval [{low:R}, {high:R}] leaves the allowed range [{minimum:R}, {maximum:R}]."));
        }
        if (!Enum.IsDefined(distribution))
        {
            throw new ArgumentOutOfRangeException(nameof(distribution), distribution, $"Input '{name}': not a defined sampling distribution.");
        }
        if (distribution == SamplingDistribution.Normal ? !(coverage > 0 && coverage < 1) : coverage != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(coverage), coverage, string.Create(CultureInfo.InvariantCulture,
                $"Input '{name}': a {distribution} input needs a coverage {(distribution == SamplingDistribution.Normal ? "in (0, 1), e.g. 0.95 for a 95% interval or 0.8 for P10-P90" : "of 1 (low and high are the full range)")}; was {coverage:R}."));
        }
        Point = point;
        Low = low;
        High = high;
        Coverage = coverage;
        Distribution = distribution;
        Minimum = minimum;
        Maximum = maximum;
        _z = distribution == SamplingDistribution.Normal ? Normal.InvCDF(0, 1, 0.5 + coverage / 2) : 0;
    }

    // The normal quantile of the coverage's upper end, for drawing; 0 for the other distributions.
    private readonly double _z;

    /// <summary>The name, unique within a business case.</summary>
    public string Name { get; }

    /// <summary>The unit in words.</summary>
    public string Unit { get; }

    /// <summary>The value the deterministic case uses.</summary>
    public double Point { get; }

    /// <summary>The lower end of the interval.</summary>
    public double Low { get; }

    /// <summary>The upper end of the interval.</summary>
    public double High { get; }

    /// <summary>The probability the interval holds (1 for a full range).</summary>
    public double Coverage { get; }

    /// <summary>What the interval means, e.g. <c>95% interval (P2.5-P97.5)</c> or <c>full range (min-max)</c>.</summary>
    public string IntervalMeaning => Distribution == SamplingDistribution.Normal
        ? string.Create(CultureInfo.InvariantCulture, $"{Coverage * 100:0.#}% interval (P{(1 - Coverage) * 50:0.#}-P{(1 + Coverage) * 50:0.#})")
        : "full range (min-max)";

    /// <summary>How the Monte Carlo draws the input.</summary>
    public SamplingDistribution Distribution { get; }

    /// <summary>Where the value came from.</summary>
    public InputSource Source { get; }

    /// <summary>The currency when the input is money; <see langword="null"/> otherwise.</summary>
    public Currency? Currency { get; }

    /// <summary>The smallest sensible value; draws are clamped to it.</summary>
    public double Minimum { get; }

    /// <summary>The largest sensible value; draws are clamped to it.</summary>
    public double Maximum { get; }

    /// <summary>Whether the interval has zero width, so that every draw is the point value.</summary>
    public bool IsFixed => Low == High;

    /// <summary>An input known exactly (or taken as exact), such as a count or a value computed by a deterministic model.</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="unit">The unit; not blank.</param>
    /// <param name="value">The value; finite.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="currency">The currency when the value is money.</param>
    /// <returns>A fixed input.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not finite.</exception>
    public static UncertainInput Exact(string name, string unit, double value, InputSource source, Currency? currency = null)
        => new(name, unit, value, value, value, 1, SamplingDistribution.Uniform, source, currency);

    /// <summary>A user's assumption given as a range with a most likely value (min, likely, max).</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="unit">The unit; not blank.</param>
    /// <param name="point">The most likely value.</param>
    /// <param name="low">The smallest plausible value.</param>
    /// <param name="high">The largest plausible value.</param>
    /// <param name="why">Why these numbers; not blank.</param>
    /// <param name="distribution">Triangular, PERT (the default) or uniform.</param>
    /// <param name="minimum">The smallest sensible value (e.g. 0 for a count).</param>
    /// <param name="maximum">The largest sensible value.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The values are not ordered, not finite, or <paramref name="distribution"/> is <see cref="SamplingDistribution.Normal"/> (use <see cref="AssumedPercentiles"/>).</exception>
    public static UncertainInput Assumed(string name, string unit, double point, double low, double high, string why,
        SamplingDistribution distribution = SamplingDistribution.Pert, double minimum = double.NegativeInfinity, double maximum = double.PositiveInfinity)
        => new(name, unit, point, low, high, 1, distribution, InputSource.Assumed(why), null, minimum, maximum);

    /// <summary>A user's assumption of a share (a probability) as min, likely, max in [0, 1].</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="point">The most likely share.</param>
    /// <param name="low">The smallest plausible share.</param>
    /// <param name="high">The largest plausible share.</param>
    /// <param name="why">Why these numbers; not blank.</param>
    /// <param name="distribution">Triangular, PERT (the default) or uniform.</param>
    /// <returns>The input, bounded to [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside [0, 1] or the values are not ordered.</exception>
    public static UncertainInput AssumedShare(string name, double point, double low, double high, string why, SamplingDistribution distribution = SamplingDistribution.Pert)
        => new(name, "share", point, low, high, 1, distribution, InputSource.Assumed(why), null, 0, 1);

    /// <summary>A user's assumption of an amount of money as min, likely, max.</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="unit">The unit in words, e.g. <c>per contact</c>; the currency code is put in front.</param>
    /// <param name="point">The most likely amount.</param>
    /// <param name="low">The smallest plausible amount; same currency.</param>
    /// <param name="high">The largest plausible amount; same currency.</param>
    /// <param name="why">Why these numbers; not blank.</param>
    /// <param name="distribution">Triangular, PERT (the default) or uniform.</param>
    /// <returns>The input, in the currency of <paramref name="point"/>.</returns>
    /// <exception cref="CurrencyMismatchException">The three amounts are not in one currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amounts are not ordered.</exception>
    public static UncertainInput AssumedMoney(string name, string unit, Money point, Money low, Money high, string why, SamplingDistribution distribution = SamplingDistribution.Pert)
    {
        CheckCurrencies(point, low, high);
        return new(name, $"{point.Currency} {unit}", (double)point.Amount, (double)low.Amount, (double)high.Amount, 1, distribution, InputSource.Assumed(why), point.Currency);
    }

    /// <summary>A user's assumption given as P10 and P90 around a median: drawn from a (split) normal with those quantiles.</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="unit">The unit; not blank.</param>
    /// <param name="median">The median (P50).</param>
    /// <param name="p10">The 10th percentile.</param>
    /// <param name="p90">The 90th percentile.</param>
    /// <param name="why">Why these numbers; not blank.</param>
    /// <param name="minimum">The smallest sensible value; draws are clamped to it.</param>
    /// <param name="maximum">The largest sensible value; draws are clamped to it.</param>
    /// <returns>The input, with coverage 0.8.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The values are not ordered or not finite.</exception>
    public static UncertainInput AssumedPercentiles(string name, string unit, double median, double p10, double p90, string why,
        double minimum = double.NegativeInfinity, double maximum = double.PositiveInfinity)
        => new(name, unit, median, p10, p90, 0.8, SamplingDistribution.Normal, InputSource.Assumed(why), null, minimum, maximum);

    /// <summary>A measured estimate with its confidence interval, drawn from a (split) normal that has the interval as its central quantiles.</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="unit">The unit; not blank.</param>
    /// <param name="estimate">The estimate; inside the interval.</param>
    /// <param name="interval">The confidence interval; its level is the coverage.</param>
    /// <param name="source">How the estimate was measured.</param>
    /// <param name="currency">The currency when the estimate is money.</param>
    /// <param name="minimum">The smallest sensible value; draws are clamped to it.</param>
    /// <param name="maximum">The largest sensible value; draws are clamped to it.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The estimate lies outside the interval, or the interval leaves [minimum, maximum].</exception>
    public static UncertainInput FromInterval(string name, string unit, double estimate, ConfidenceInterval interval, InputSource source,
        Currency? currency = null, double minimum = double.NegativeInfinity, double maximum = double.PositiveInfinity)
        => new(name, unit, estimate, interval.Lower, interval.Upper, interval.Level, SamplingDistribution.Normal, source, currency, minimum, maximum);

    /// <summary>A measured rate (FCR, CSAT top-box, a conversion rate) with its Wilson interval.</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="rate">The rate; it must have a denominator (a value).</param>
    /// <param name="what">What was measured, e.g. <c>FCR of phone contacts</c>; the rate's definition is added to the method.</param>
    /// <returns>The input, a share in [0, 1] with the rate's denominator as its sample size.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rate"/> is null.</exception>
    /// <exception cref="ArgumentException">The rate has no denominator, so nothing was measured.</exception>
    public static UncertainInput FromRate(string name, RateEstimate rate, string what)
    {
        Preconditions.CheckNotNull(rate);
        if (rate.Value is not double value || rate.Interval is not ConfidenceInterval interval)
        {
            throw new ArgumentException($"Input '{name}': the rate has a denominator of 0, so it measured nothing ({rate.Definition}).", nameof(rate));
        }
        var source = InputSource.Measured(what, $"{rate.Definition}; {interval.Method} {interval.Level * 100:0.#}% interval", rate.Denominator);
        return FromInterval(name, "share", value, interval, source, null, 0, 1);
    }

    /// <summary>A measured retention difference between two groups (e.g. resolved vs unresolved first contact) with its interval.</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="difference">The difference, from <see cref="RetentionUplift.Compare"/>.</param>
    /// <param name="what">What was compared, e.g. <c>1-year retention, first contact resolved vs not</c>.</param>
    /// <param name="customers">The customers the comparison rests on.</param>
    /// <returns>The input, a difference of shares in [-1, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="difference"/> is null.</exception>
    public static UncertainInput FromRetentionDifference(string name, RetentionDifference difference, string what, long customers)
    {
        Preconditions.CheckNotNull(difference);
        var i = difference.Interval;
        var source = InputSource.Measured(what, $"Kaplan-Meier difference, {i.Method} {i.Level * 100:0.#}% interval", customers);
        // The normal interval of a difference of survival probabilities can poke out of [-1, 1] for tiny groups.
        var clipped = new ConfidenceInterval(Math.Max(-1, i.Lower), Math.Min(1, i.Upper), i.Level, i.Method);
        return FromInterval(name, "share of customers", difference.Difference, clipped, source, null, -1, 1);
    }

    /// <summary>A measured amount of money with its interval (e.g. a cost per contact from cost-to-serve).</summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="unit">The unit in words, e.g. <c>per contact</c>; the currency code is put in front.</param>
    /// <param name="estimate">The estimate.</param>
    /// <param name="low">The lower end of the interval; same currency.</param>
    /// <param name="high">The upper end of the interval; same currency.</param>
    /// <param name="coverage">The probability the interval holds, in (0, 1).</param>
    /// <param name="source">How it was measured.</param>
    /// <returns>The input.</returns>
    /// <exception cref="CurrencyMismatchException">The amounts are not in one currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amounts are not ordered or the coverage is outside (0, 1).</exception>
    public static UncertainInput MeasuredMoney(string name, string unit, Money estimate, Money low, Money high, double coverage, InputSource source)
    {
        CheckCurrencies(estimate, low, high);
        return new(name, $"{estimate.Currency} {unit}", (double)estimate.Amount, (double)low.Amount, (double)high.Amount, coverage,
            SamplingDistribution.Normal, source, estimate.Currency);
    }

    /// <summary>
    /// The cost per contact of a cost-to-serve result: measured handle times priced with the model's rates. The rates are
    /// assumptions, so the input carries a PERT range of +-<paramref name="relativeRange"/> around the point.
    /// </summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="result">The cost-to-serve result (e.g. of the contacts a line avoids).</param>
    /// <param name="relativeRange">The relative half-width of the range for the rates' uncertainty, in [0, 1) (0.2 for +-20%).</param>
    /// <param name="ratesSource">Where the rates come from, e.g. <c>finance, 2025 budget</c>; not blank.</param>
    /// <returns>The input, in the result's currency, with the number of contacts as its sample size.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="relativeRange"/> is outside [0, 1).</exception>
    public static UncertainInput FromCostPerContact(string name, CostToServeResult result, double relativeRange, string ratesSource)
    {
        Preconditions.CheckNotNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(ratesSource);
        Preconditions.CheckInRange(relativeRange, 0, 1 - 1e-12);
        double point = (double)result.CostPerContact.Amount;
        var source = InputSource.Modelled(
            string.Create(CultureInfo.InvariantCulture, $"cost per contact of {result.Contacts:N0} contacts (activity-based cost-to-serve: measured handle times x rates from {ratesSource})"),
            string.Create(CultureInfo.InvariantCulture, $"total cost / contacts; range +-{relativeRange:P0} for the rates (assumed)"), result.Contacts);
        return new UncertainInput(name, $"{result.Currency} per contact", point, point * (1 - relativeRange), point * (1 + relativeRange), 1,
            SamplingDistribution.Pert, source, result.Currency, 0);
    }

    /// <summary>
    /// The cost of one leaver (recruiting + training + ramp-up) of an attrition cost model, with a PERT range of
    /// +-<paramref name="relativeRange"/>. Its parts are the user's figures, so the source is an assumption that shows them.
    /// </summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="cost">The attrition cost model.</param>
    /// <param name="relativeRange">The relative half-width of the range, in [0, 1).</param>
    /// <param name="why">Where the figures come from; not blank.</param>
    /// <returns>The input, in the model's currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cost"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="relativeRange"/> is outside [0, 1).</exception>
    public static UncertainInput FromAttritionCost(string name, AgentAttritionCost cost, double relativeRange, string why)
    {
        Preconditions.CheckNotNull(cost);
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        Preconditions.CheckInRange(relativeRange, 0, 1 - 1e-12);
        double point = (double)cost.PerLeaver.Amount;
        var source = InputSource.Assumed(string.Create(CultureInfo.InvariantCulture,
            $"recruiting {cost.RecruitingPerHire} + training {cost.TrainingPerHire} + ramp-up {cost.RampUpPerLeaver} ({cost.RampWeeks:0.#} weeks at {cost.ProductivityGap:P0} lower output); {why}; range +-{relativeRange:P0}"));
        return new UncertainInput(name, $"{cost.Currency} per leaver", point, point * (1 - relativeRange), point * (1 + relativeRange), 1,
            SamplingDistribution.Pert, source, cost.Currency, 0);
    }

    /// <summary>
    /// The FTE saved by a shorter handle time, as <see cref="StaffingPlanner.ValueOfAhtReduction"/> computed it: a fixed,
    /// measured input (the staffing model is deterministic given its loads; their uncertainty is not in this number).
    /// </summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="value">The planner's result.</param>
    /// <param name="what">What was staffed, e.g. <c>phone, average week of 2025</c>; not blank.</param>
    /// <returns>The input, in FTE, with the number of loads staffed as its sample size.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static UncertainInput FromFteSaved(string name, AhtReductionValue value, string what)
    {
        Preconditions.CheckNotNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var source = InputSource.Modelled(
            string.Create(CultureInfo.InvariantCulture, $"FTE saved by handle times {value.Reduction.TotalSeconds:0.#} s shorter on {what} ({value.ScheduledAgentHoursSaved:0.##} scheduled agent-hours)"),
            "StaffingPlanner.ValueOfAhtReduction (whole agents per interval, after shrinkage)", value.Baseline.Agents.Length);
        return Exact(name, "FTE", value.FteSaved, source);
    }

    /// <summary>Draws one value.</summary>
    /// <param name="random">The generator.</param>
    /// <returns>A value in [<see cref="Minimum"/>, <see cref="Maximum"/>]; the point value when the input is fixed (no draw is used then).</returns>
    internal double Sample(Random random)
    {
        if (IsFixed)
        {
            return Point;
        }
        double x;
        switch (Distribution)
        {
            case SamplingDistribution.Normal:
                x = Quantile(Normal.Sample(random, 0, 1));
                break;
            case SamplingDistribution.Triangular:
                x = TriangularQuantile(random.NextDouble());
                break;
            case SamplingDistribution.Pert:
                double width = High - Low;
                x = Low + width * Beta.Sample(random, 1 + 4 * (Point - Low) / width, 1 + 4 * (High - Point) / width);
                break;
            default:
                x = Low + (High - Low) * random.NextDouble();
                break;
        }
        return Math.Clamp(x, Minimum, Maximum);
    }

    /// <summary>The value of a (split) normal input at standard normal deviate <paramref name="u"/>: the median plus u times the standard deviation of that side.</summary>
    internal double Quantile(double u) => Point + (u < 0 ? (Point - Low) / _z : (High - Point) / _z) * u;

    private double TriangularQuantile(double u)
    {
        double width = High - Low;
        double split = (Point - Low) / width;
        return u < split
            ? Low + Math.Sqrt(u * width * (Point - Low))
            : High - Math.Sqrt((1 - u) * width * (High - Point));
    }

    /// <summary>Formats the value in the input's unit, e.g. <c>0.05</c> or <c>4.50 EUR</c>.</summary>
    internal string Format(double value) => Currency is Currency c
        ? string.Create(CultureInfo.InvariantCulture, $"{value:#,0.00} {c}")
        : ValuationFormat.Number(value);

    private static void CheckFinite(string name, double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
                $"Input '{name}': {paramName} must be a finite number; was {value:R}."));
        }
    }

    private static void CheckCurrencies(Money point, Money low, Money high)
    {
        if (low.Currency != point.Currency)
        {
            throw new CurrencyMismatchException(point.Currency, low.Currency);
        }
        if (high.Currency != point.Currency)
        {
            throw new CurrencyMismatchException(point.Currency, high.Currency);
        }
    }
}
