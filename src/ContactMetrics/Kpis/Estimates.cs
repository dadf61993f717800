using ContactMetrics.Numerics;
using MathNet.Numerics.Distributions;

namespace ContactMetrics.Kpis;

/// <summary>A KPI that is a mean (AHT, ASA, CES): the value, the count it rests on, and the definition.</summary>
/// <remarks>
/// <see cref="Estimate"/> is the library's one shape for an estimate (point, interval, level, method, n);
/// <see cref="Value"/>, <see cref="Interval"/> and <see cref="Count"/> are its point, interval and n.
/// </remarks>
public sealed record MeanEstimate
{
    /// <summary>Creates a mean.</summary>
    /// <param name="value">The mean; <see langword="null"/> when <paramref name="count"/> is 0.</param>
    /// <param name="count">The number of observations.</param>
    /// <param name="definition">The definition, in words.</param>
    /// <param name="interval">A confidence interval, where the mean is a statistical estimate.</param>
    public MeanEstimate(double? value, long count, string definition, ConfidenceInterval? interval = null)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A count must be at least 0; was {count}.");
        }
        if (value is double v && !double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(nameof(value), v, "A mean must be finite.");
        }
        Value = count == 0 ? null : value;
        Count = count;
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        Interval = Value is null ? null : interval;
        Estimate = new Estimate(Value, Interval, count, "mean");
    }

    /// <summary>The mean as an estimate: point, interval (when there is one), level, method and n (the count).</summary>
    public Estimate Estimate { get; }

    /// <summary>The mean; <see langword="null"/> when there is nothing to average.</summary>
    public double? Value { get; }

    /// <summary>The number of observations.</summary>
    public long Count { get; }

    /// <summary>The definition, in words.</summary>
    public string Definition { get; }

    /// <summary>A confidence interval, where the mean is a statistical estimate.</summary>
    public ConfidenceInterval? Interval { get; }

    /// <summary>The mean in words, e.g. <c>312 [300, 324], n=1,234 (AHT: (talk + hold + ACW) / handled, seconds)</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
    {
        string interval = Interval is null ? "" : " " + ResultText.Interval(Interval, ResultText.Number);
        return $"{ResultText.Number(Value)}{interval}, n={ResultText.Count(Count)} ({Definition})";
    }
}

/// <summary>
/// A net promoter score: % promoters (9-10) minus % detractors (0-6), in [-100, 100], with its
/// standard error and interval from the multinomial variance.
/// </summary>
/// <remarks>
/// With shares p (promoters) and d (detractors) of n answers, Var(NPS/100) = (p + d − (p − d)²) / n,
/// the variance of the mean of a variable scoring +1, 0, −1 (e.g. Rocks 2016, "The true standard
/// error of the Net Promoter Score"). The interval is NPS ± z·SE, clipped to [-100, 100].
/// <see cref="Estimate"/> is the library's one shape for an estimate; <see cref="Value"/>, <see cref="Interval"/>
/// and <see cref="Count"/> are its point, interval and n.
/// </remarks>
public sealed record NpsEstimate
{
    /// <summary>Computes the score from the answer counts.</summary>
    /// <param name="promoters">Answers of 9 or 10.</param>
    /// <param name="passives">Answers of 7 or 8.</param>
    /// <param name="detractors">Answers of 0 to 6.</param>
    /// <param name="level">The confidence level.</param>
    public NpsEstimate(long promoters, long passives, long detractors, double level = 0.95)
    {
        if (promoters < 0 || passives < 0 || detractors < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(promoters), "Answer counts must be at least 0.");
        }
        Promoters = promoters;
        Passives = passives;
        Detractors = detractors;
        Count = promoters + passives + detractors;
        if (Count > 0)
        {
            double n = Count;
            double p = promoters / n, d = detractors / n;
            Value = 100 * (p - d);
            double variance = Math.Max(0, p + d - (p - d) * (p - d)) / n;
            StandardError = 100 * Math.Sqrt(variance);
            double z = ProportionInterval.ZScore(level);
            Interval = new ConfidenceInterval(
                Math.Max(-100, Value.Value - z * StandardError.Value),
                Math.Min(100, Value.Value + z * StandardError.Value),
                level, "multinomial normal");
        }
        Estimate = new Estimate(Value, Interval, Count, "multinomial normal");
    }

    /// <summary>The score as an estimate: point (in points, -100 to 100), interval, level, method and n (the answers).</summary>
    public Estimate Estimate { get; }

    /// <summary>The score in [-100, 100]; <see langword="null"/> without answers.</summary>
    public double? Value { get; }

    /// <summary>The standard error of the score (in points); <see langword="null"/> without answers.</summary>
    public double? StandardError { get; }

    /// <summary>The interval; <see langword="null"/> without answers.</summary>
    public ConfidenceInterval? Interval { get; }

    /// <summary>Answers of 9 or 10.</summary>
    public long Promoters { get; }

    /// <summary>Answers of 7 or 8.</summary>
    public long Passives { get; }

    /// <summary>Answers of 0 to 6.</summary>
    public long Detractors { get; }

    /// <summary>All answers.</summary>
    public long Count { get; }

    /// <summary>The definition, in words.</summary>
    public string Definition => "NPS: % answering 9-10 minus % answering 0-6";

    /// <summary>The score in words, e.g. <c>NPS 12 [8.1, 15.9]: 40.0% promoters, 28.0% detractors of 1,000 answers</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString() => Count == 0
        ? "NPS n/a: no answers"
        : $"NPS {ResultText.Number(Value)} {ResultText.Interval(Interval, ResultText.Number)}: {ResultText.Percent((double)Promoters / Count)} promoters, {ResultText.Percent((double)Detractors / Count)} detractors of {ResultText.Count(Count)} answers";
}
