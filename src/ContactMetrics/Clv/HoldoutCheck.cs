using System.Collections.Immutable;
using System.Globalization;

namespace ContactMetrics.Clv;

/// <summary>
/// One group of the holdout check: the customers with a given calibration frequency (or at least
/// <see cref="Frequency"/> for the last, open-ended group).
/// </summary>
/// <param name="Frequency">The calibration frequency x of the group, or its lower bound when <paramref name="OrMore"/>.</param>
/// <param name="OrMore">Whether the group holds every customer with x at least <paramref name="Frequency"/> (the "7+" group).</param>
/// <param name="Customers">How many customers the group has.</param>
/// <param name="ActualTransactions">Their transactions in the holdout period, in total.</param>
/// <param name="PredictedTransactions">The model's E[Y(holdout length) | x, t_x, T], summed over them.</param>
public sealed record HoldoutCheckGroup(int Frequency, bool OrMore, int Customers, double ActualTransactions, double PredictedTransactions)
{
    /// <summary>The group's label: <c>3</c>, or <c>7+</c> for the open-ended group.</summary>
    public string Label => OrMore ? string.Create(CultureInfo.InvariantCulture, $"{Frequency}+") : Frequency.ToString(CultureInfo.InvariantCulture);

    /// <summary>Mean holdout transactions per customer; 0 for an empty group.</summary>
    public double ActualMean => Customers == 0 ? 0 : ActualTransactions / Customers;

    /// <summary>Mean predicted holdout transactions per customer; 0 for an empty group.</summary>
    public double PredictedMean => Customers == 0 ? 0 : PredictedTransactions / Customers;
}

/// <summary>
/// The holdout check of a transaction model: for customers grouped by their calibration frequency x = 0, 1, ...,
/// k-1 and k or more, the transactions they actually made in the holdout period against the model's conditional
/// expectation E[Y(t) | x, t_x, T] with t the holdout length (Fader, Hardie &amp; Lee 2005, "Counting your
/// customers the easy way", Marketing Science 24(2), the conditional-expectations figure on CDNOW with weeks
/// 40-78 as holdout).
/// </summary>
public sealed class HoldoutCheck
{
    private HoldoutCheck(string model, double holdoutLength, ImmutableArray<HoldoutCheckGroup> groups)
    {
        Model = model;
        HoldoutLength = holdoutLength;
        Groups = groups;
    }

    /// <summary>The name of the model checked.</summary>
    public string Model { get; }

    /// <summary>The length of the holdout period in the summary's period unit.</summary>
    public double HoldoutLength { get; }

    /// <summary>The groups x = 0 .. k-1 and k+, in that order (empty groups included, with 0 customers).</summary>
    public ImmutableArray<HoldoutCheckGroup> Groups { get; }

    /// <summary>The number of customers checked.</summary>
    public int Customers => Groups.Sum(g => g.Customers);

    /// <summary>The actual holdout transactions of all customers.</summary>
    public double ActualTransactions => Groups.Sum(g => g.ActualTransactions);

    /// <summary>The predicted holdout transactions of all customers.</summary>
    public double PredictedTransactions => Groups.Sum(g => g.PredictedTransactions);

    /// <summary>Compares the model's conditional expectations with the holdout transactions of a summary.</summary>
    /// <param name="model">The fitted transaction model, in the summary's period unit.</param>
    /// <param name="summary">A summary with holdout frequencies and a holdout length (<see cref="RfmSummaryOptions.HoldoutEnd"/>).</param>
    /// <param name="openFrequency">The first frequency of the open-ended last group; at least 1 (7 gives 0..6 and 7+).</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The summary has no holdout frequencies or a zero holdout length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openFrequency"/> is below 1.</exception>
    public static HoldoutCheck Compute(ITransactionModel model, RfmSummary summary, int openFrequency = 7)
    {
        Preconditions.CheckNotNull(model);
        Preconditions.CheckNotNull(summary);
        Preconditions.CheckPositive(openFrequency);
        Preconditions.CheckArgument(!summary.HoldoutFrequency.IsEmpty && summary.HoldoutLength > 0, nameof(summary),
            "The summary has no holdout period: build it with RfmSummaryOptions.HoldoutEnd (or give holdout frequencies and a holdout length).");
        var customers = new int[openFrequency + 1];
        var actual = new double[openFrequency + 1];
        var predicted = new double[openFrequency + 1];
        double t = summary.HoldoutLength;
        var expected = new double[summary.Count];
        model.ConditionalExpectedTransactions(t, summary.Frequency.AsSpan(), summary.Recency.AsSpan(), summary.Age.AsSpan(), expected);
        for (int i = 0; i < summary.Count; i++)
        {
            int g = Math.Min(summary.Frequency[i], openFrequency);
            customers[g]++;
            actual[g] += summary.HoldoutFrequency[i];
            predicted[g] += expected[i];
        }
        var groups = new HoldoutCheckGroup[openFrequency + 1];
        for (int g = 0; g <= openFrequency; g++)
        {
            groups[g] = new HoldoutCheckGroup(g, g == openFrequency, customers[g], actual[g], predicted[g]);
        }
        return new HoldoutCheck(model.Name, t, [.. groups]);
    }
}
