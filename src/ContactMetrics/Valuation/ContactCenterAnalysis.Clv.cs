using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Numerics;
using MathNet.Numerics.Distributions;

namespace ContactMetrics.Valuation;

/// <summary>
/// The customer value of an analysis: BG/NBD and Gamma-Gamma fitted once on the weekly RFM summary of all purchases,
/// and every k-th customer still active at the end valued over the horizon. Immutable.
/// </summary>
public sealed record ClvAnalysis
{
    /// <summary>Made by the analysis only.</summary>
    internal ClvAnalysis(
        RfmSummary summary,
        CompressedRfmSummary rows,
        BgNbdFit transactions,
        GammaGammaFit spend,
        BgNbdGammaGammaValueModel model,
        ValuationHorizon horizon,
        int activeCustomers,
        RfmSummary sample,
        int stride,
        ImmutableArray<Money> values,
        ImmutableArray<string> segments,
        Money valuePerCustomer,
        ConfidenceInterval valuePerCustomerInterval,
        string definition)
    {
        Summary = summary;
        Rows = rows;
        Transactions = transactions;
        Spend = spend;
        Model = model;
        Horizon = horizon;
        ActiveCustomers = activeCustomers;
        Sample = sample;
        Stride = stride;
        Values = values;
        Segments = segments;
        ValuePerCustomer = valuePerCustomer;
        ValuePerCustomerInterval = valuePerCustomerInterval;
        Definition = definition;
    }

    /// <summary>The weekly RFM summary calibrated to the window's last day.</summary>
    public RfmSummary Summary { get; }

    /// <summary>Its weighted unique (x, t_x, T) rows, on which BG/NBD is fitted.</summary>
    public CompressedRfmSummary Rows { get; }

    /// <summary>The BG/NBD fit.</summary>
    public BgNbdFit Transactions { get; }

    /// <summary>The Gamma-Gamma fit.</summary>
    public GammaGammaFit Spend { get; }

    /// <summary>The value model (BG/NBD x Gamma-Gamma at the margin).</summary>
    public BgNbdGammaGammaValueModel Model { get; }

    /// <summary>The valuation horizon (quarters of 13 weeks, discounted at each quarter's end).</summary>
    public ValuationHorizon Horizon { get; }

    /// <summary>Customers with purchases who had not churned at the end.</summary>
    public int ActiveCustomers { get; }

    /// <summary>The valued customers: every <see cref="Stride"/>-th active customer.</summary>
    public RfmSummary Sample { get; }

    /// <summary>The sampling step (1 when every active customer is valued).</summary>
    public int Stride { get; }

    /// <summary>The CLV of each sampled customer, in the order of <see cref="Sample"/>.</summary>
    public ImmutableArray<Money> Values { get; }

    /// <summary>The segment of each sampled customer (<c>(none)</c> when it has none).</summary>
    public ImmutableArray<string> Segments { get; }

    /// <summary>The mean CLV of the sample, rounded to cents: the value of a customer kept, everywhere it is used.</summary>
    public Money ValuePerCustomer { get; }

    /// <summary>The normal 95% interval of that mean (the models' parameter uncertainty is not included).</summary>
    public ConfidenceInterval ValuePerCustomerInterval { get; }

    /// <summary>What the figure is, in words.</summary>
    public string Definition { get; }
}

public sealed partial class ContactCenterAnalysis
{
    /// <summary>Weeks in a CLV quarter.</summary>
    private const int WeeksPerQuarter = 13;

    /// <summary>The label of customers without a segment.</summary>
    public const string NoSegment = "(none)";

    private readonly Lazy<AnalysisFigure<ClvAnalysis>> _clv;

    /// <summary>The customer value (BG/NBD x Gamma-Gamma), or why it is unavailable (no purchases, no repeat buyers, no convergence).</summary>
    public AnalysisFigure<ClvAnalysis> Clv => _clv.Value;

    /// <summary>1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st.</summary>
    private static string Ordinal(int n) => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private const string NoPurchases = "There are no purchases to value customers on.";

    private AnalysisFigure<ClvAnalysis> ComputeClv() => Try(() =>
    {
        if (Data.Purchases.Count == 0)
        {
            return AnalysisFigure<ClvAnalysis>.Unavailable(NoPurchases);
        }
        var segmentOf = new Dictionary<CustomerId, string>();
        foreach (var c in Data.Customers)
        {
            if (c.ChurnedOn is null)
            {
                segmentOf[c.Id] = c.Segment ?? NoSegment;
            }
        }
        return ClvOf(RfmSummaryBuilder.Build(Data.Purchases, ClvSummaryOptions), segmentOf);
    });

    /// <summary>
    /// The summary's customers ordered by id (ordinal): the fits and the systematic sample of valued customers then do not
    /// depend on the order the purchases were read in, so a summary from SQL gives the same values as one built in memory.
    /// </summary>
    private static RfmSummary ByCustomerId(RfmSummary summary)
    {
        var order = Enumerable.Range(0, summary.Count).ToArray();
        var ids = summary.CustomerIds.Select(id => id.Value).ToArray();
        Array.Sort(ids, order, StringComparer.Ordinal);
        T[] Pick<T>(ImmutableArray<T> column) => Array.ConvertAll(order, i => column[i]);
        return RfmSummary.CreateTrusted(Pick(summary.CustomerIds), Pick(summary.Frequency), Pick(summary.Recency), Pick(summary.Age), Pick(summary.MonetaryValue),
            summary.HoldoutFrequency.IsEmpty ? null : Pick(summary.HoldoutFrequency), summary.HoldoutSpend.IsEmpty ? null : Pick(summary.HoldoutSpend),
            summary.HoldoutLength, summary.Period, summary.Currency);
    }

    private RfmSummaryOptions ClvSummaryOptions => AnalysisSummaries.RfmOptions(Window);

    /// <summary>The customer value of an RFM summary (<see cref="ClvSummaryOptions"/>) and the segments of the customers active at the end.</summary>
    private AnalysisFigure<ClvAnalysis> ClvOf(RfmSummary given, IReadOnlyDictionary<CustomerId, string> segmentOf) => Try(() =>
    {
        var summary = ByCustomerId(given);
        if (!summary.Frequency.Any(x => x > 0))
        {
            return AnalysisFigure<ClvAnalysis>.Unavailable("No customer has a repeat purchase, so the CLV models cannot be fitted.");
        }
        var rows = summary.Compress();
        if (!BetaGeometricNbdModel.TryFit(rows, out var transactions))
        {
            return AnalysisFigure<ClvAnalysis>.Unavailable($"The BG/NBD model did not converge ({transactions.Diagnostics}).");
        }
        if (!GammaGammaModel.TryFit(summary, out var spend))
        {
            return AnalysisFigure<ClvAnalysis>.Unavailable($"The Gamma-Gamma model did not converge ({spend.Diagnostics}).");
        }
        if (spend.Model.NoFiniteMeanSpend() is { } reason)
        {
            return AnalysisFigure<ClvAnalysis>.Unavailable(reason);
        }
        var model = new BgNbdGammaGammaValueModel(transactions.Model, spend.Model, Options.Margin);
        var horizon = new ValuationHorizon(4 * Options.ClvYears, ValuationHorizon.RateForPeriod(Options.AnnualDiscountRate, 7 * WeeksPerQuarter)) { PeriodLength = WeeksPerQuarter };
        int active = summary.CustomerIds.Count(segmentOf.ContainsKey);
        if (active < 2)
        {
            return AnalysisFigure<ClvAnalysis>.Unavailable("Fewer than two customers with purchases are still active at the end, so there is no value per customer.");
        }
        var sample = summary.Subset(segmentOf.ContainsKey, Options.MaxCustomersValued);
        int stride = RfmSummary.SubsetStride(active, Options.MaxCustomersValued);
        var values = model.CustomerValues(sample, horizon);
        var amounts = values.Select(v => (double)v.Amount).ToArray();
        var (mean, low, high) = MeanInterval(amounts);
        var interval = new ConfidenceInterval(Math.Round(low, 2), Math.Round(high, 2), 0.95, "normal (mean over customers)");
        string definition = string.Create(CultureInfo.InvariantCulture,
            $"mean {Options.ClvYears}-year CLV of {sample.Count:N0} customers active at {Window.End} ({(stride == 1 ? "all of them" : $"every {Ordinal(stride)} of {active:N0}")}; BG/NBD x Gamma-Gamma fitted on the weekly RFM summary of all {summary.Count:N0} buyers to {Window.LastDay:yyyy-MM-dd}, {Options.Margin * 100:0.#}% margin assumed, {Options.AnnualDiscountRate * 100:0.#}% a year discount, quarterly cash flows)");
        return AnalysisFigure<ClvAnalysis>.Of(new ClvAnalysis(summary, rows, transactions, spend, model, horizon, active, sample, stride,
            [.. values], [.. sample.CustomerIds.Select(id => segmentOf[id])],
            new Money(Math.Round((decimal)mean, 2), summary.Currency), interval, definition));
    });

    /// <summary>
    /// The mean of customer values and its normal 95% interval (1.96 standard errors of the mean, the sample standard
    /// deviation with n - 1), the lower end floored at 0: a value per customer cannot be negative. The one rule of the
    /// analysis's value per customer and of the segments' values; at least two values.
    /// </summary>
    private static (double Mean, double Low, double High) MeanInterval(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        double half = Normal.InvCDF(0, 1, 0.975) * sd / Math.Sqrt(values.Count);
        return (mean, Math.Max(0, mean - half), mean + half);
    }
}
