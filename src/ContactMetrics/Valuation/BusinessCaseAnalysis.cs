using ContactMetrics.Numerics;
using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Domain;
using MathNet.Numerics.Statistics;

namespace ContactMetrics.Valuation;

/// <summary>
/// The distribution of a value a year under the Monte Carlo: the point value (all inputs at their point values), the
/// mean of the draws with its Monte Carlo standard error, and P10, P50, P90. Amounts are rounded to cents.
/// </summary>
public sealed record ValueDistribution
{
    /// <summary>Made by the analysis only.</summary>
    internal ValueDistribution(Money point, Money mean, Money standardErrorOfMean, Money p10, Money p50, Money p90)
    {
        Point = point;
        Mean = mean;
        StandardErrorOfMean = standardErrorOfMean;
        P10 = p10;
        P50 = p50;
        P90 = p90;
    }

    /// <summary>The value at the inputs' point values.</summary>
    public Money Point { get; }

    /// <summary>The mean of the draws.</summary>
    public Money Mean { get; }

    /// <summary>The Monte Carlo standard error of <see cref="Mean"/>: the standard deviation of the draws / sqrt(iterations).</summary>
    public Money StandardErrorOfMean { get; }

    /// <summary>The 10th percentile of the draws.</summary>
    public Money P10 { get; }

    /// <summary>The median of the draws.</summary>
    public Money P50 { get; }

    /// <summary>The 90th percentile of the draws.</summary>
    public Money P90 { get; }

    internal static ValueDistribution Of(double point, double[] draws, Currency currency)
    {
        double mean = draws.Mean();
        double sd = draws.StandardDeviation();
        double se = draws.Length > 1 && double.IsFinite(sd) ? sd / Math.Sqrt(draws.Length) : 0;
        var sorted = (double[])draws.Clone();
        Array.Sort(sorted);
        // Bounded by the smallest and largest draw, so P10 <= P50 <= P90 whatever rounding does.
        double p10 = SortedArrayStatistics.QuantileCustom(sorted, 0.1, QuantileDefinition.R7);
        double p50 = Math.Max(p10, SortedArrayStatistics.QuantileCustom(sorted, 0.5, QuantileDefinition.R7));
        double p90 = Math.Max(p50, SortedArrayStatistics.QuantileCustom(sorted, 0.9, QuantileDefinition.R7));
        return new ValueDistribution(
            ValuationFormat.Money(point, currency),
            ValuationFormat.Money(mean, currency),
            ValuationFormat.Money(se, currency),
            ValuationFormat.Money(p10, currency),
            ValuationFormat.Money(p50, currency),
            ValuationFormat.Money(p90, currency));
    }

    /// <summary>The distribution in words, e.g. <c>10,043.21 EUR (P10 7,847.97 EUR, P50 10,001.50 EUR, P90 12,306.89 EUR)</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => $"{Point.ToText()} (P10 {P10.ToText()}, P50 {P50.ToText()}, P90 {P90.ToText()})";
}

/// <summary>A line item with the distribution of its value under the Monte Carlo.</summary>
public sealed record LineItemAnalysis
{
    /// <summary>Made by the analysis only.</summary>
    internal LineItemAnalysis(LineItem item, ValueDistribution value)
    {
        Item = item;
        Value = value;
    }

    /// <summary>The line item (mechanism, formula, inputs with sources, point value).</summary>
    public LineItem Item { get; }

    /// <summary>The distribution of its value a year.</summary>
    public ValueDistribution Value { get; }
}

/// <summary>One input of the tornado: the total a year with that input at its low and at its high end, the others at their point values.</summary>
public sealed record TornadoEntry
{
    /// <summary>Made by the analysis only.</summary>
    internal TornadoEntry(UncertainInput input, Money totalAtLow, Money totalAtHigh, Money swing)
    {
        Input = input;
        TotalAtLow = totalAtLow;
        TotalAtHigh = totalAtHigh;
        Swing = swing;
    }

    /// <summary>The input (name, unit, interval and its meaning, source).</summary>
    public UncertainInput Input { get; }

    /// <summary>The total with the input at <see cref="UncertainInput.Low"/>.</summary>
    public Money TotalAtLow { get; }

    /// <summary>The total with the input at <see cref="UncertainInput.High"/>.</summary>
    public Money TotalAtHigh { get; }

    /// <summary>|TotalAtHigh - TotalAtLow|: the ranking key.</summary>
    public Money Swing { get; }
}

/// <summary>
/// A business case with its uncertainty: each line and the total with P10/P50/P90 from the Monte Carlo, the tornado,
/// and a note on how well the Monte Carlo has converged. What a report renders.
/// </summary>
public sealed class BusinessCaseAnalysis
{
    internal BusinessCaseAnalysis(
        BusinessCase businessCase,
        int iterations,
        int? seed,
        ImmutableArray<LineItemAnalysis> lines,
        ValueDistribution total,
        ImmutableArray<TornadoEntry> tornado)
    {
        Case = businessCase;
        Iterations = iterations;
        Seed = seed;
        Lines = lines;
        Total = total;
        Tornado = tornado;
    }

    /// <summary>The business case (scenario, currency, lines, inputs, point total).</summary>
    public BusinessCase Case { get; }

    /// <summary>The number of Monte Carlo draws.</summary>
    public int Iterations { get; }

    /// <summary>The seed, when the analysis was run with one (rather than a caller's generator).</summary>
    public int? Seed { get; }

    /// <summary>Each line with the distribution of its value.</summary>
    public ImmutableArray<LineItemAnalysis> Lines { get; }

    /// <summary>The distribution of the total a year.</summary>
    public ValueDistribution Total { get; }

    /// <summary>The sensitivity ranking, largest swing first.</summary>
    public ImmutableArray<TornadoEntry> Tornado { get; }

    /// <summary>How far the Monte Carlo mean of the total can be trusted, in words with the numbers.</summary>
    public string ConvergenceNote => string.Create(CultureInfo.InvariantCulture,
        $"{Iterations:N0} draws{(Seed is int s ? $" (seed {s})" : "")}: the Monte Carlo standard error of the mean total is {Total.StandardErrorOfMean} ({RelativeError}); quadrupling the draws halves it. Inputs are drawn independently; correlations between inputs are not modelled unless an input is shared between lines.");

    /// <summary>The analysis in words: the scenario's total a year with P10, P50 and P90, then each line the same way, one per line.</summary>
    /// <returns>The text, in the invariant culture, lines separated by '\n'.</returns>
    public override string ToString()
        => string.Join('\n', Lines.Select(l => $"  {l.Item.Name}: {l.Value}").Prepend($"{Case.Scenario}: {Total} a year"));

    private string RelativeError => Total.Mean.Amount != 0m
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Abs((double)(Total.StandardErrorOfMean.Amount / Total.Mean.Amount)):P2} of the mean")
        : "the mean is 0";
}
