using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Retention;

namespace ContactMetrics.Valuation;

/// <summary>
/// Retention after a resolved and an unresolved first contact (index-date design): the table, the two Kaplan-Meier
/// curves, the comparison at the horizon, and the customers kept valued at the analysis's value per customer. Immutable.
/// </summary>
public sealed record RetentionAnalysis
{
    /// <summary>Made by the analysis only.</summary>
    internal RetentionAnalysis(
        RetentionUpliftResult uplift,
        KaplanMeierCurve resolved,
        KaplanMeierCurve unresolved,
        RetentionUpliftValue? value,
        string definition)
    {
        Uplift = uplift;
        Resolved = resolved;
        Unresolved = unresolved;
        Value = value;
        Definition = definition;
    }

    /// <summary>The index-date table and the comparison at the horizon (Kaplan-Meier difference, adjusted Cox HR).</summary>
    public RetentionUpliftResult Uplift { get; }

    /// <summary>The Kaplan-Meier curve of customers whose first contact was resolved.</summary>
    public KaplanMeierCurve Resolved { get; }

    /// <summary>The curve of customers whose first contact was not resolved.</summary>
    public KaplanMeierCurve Unresolved { get; }

    /// <summary>Customers kept (difference x customers with an unresolved first contact) x the value per customer; null when the CLV is unavailable.</summary>
    public RetentionUpliftValue? Value { get; }

    /// <summary>What the comparison is, in words.</summary>
    public string Definition { get; }
}

public sealed partial class ContactCenterAnalysis
{
    private readonly Lazy<AnalysisFigure<RetentionAnalysis>> _retention;

    /// <summary>Retention by first-contact resolution, or why it is unavailable (too few customers in a group).</summary>
    public AnalysisFigure<RetentionAnalysis> Retention => _retention.Value;

    private AnalysisFigure<RetentionAnalysis> ComputeRetention() =>
        RetentionOf(() => RetentionUpliftBuilder.BuildTable(Data.Customers, Data.Interactions, UpliftGrouping.FirstContactResolution, Window.End));

    /// <summary>Retention from the index-date table by first-contact resolution at the window's end (built from the rows, or a SQL engine's).</summary>
    private AnalysisFigure<RetentionAnalysis> RetentionOf(Func<IndexDateTable> table) => Try(() =>
    {
        if (!RetentionUpliftBuilder.TryCompare(table(), Options.RetentionHorizon, out var uplift, out var notEnough))
        {
            return AnalysisFigure<RetentionAnalysis>.Unavailable(notEnough!.Reason);
        }
        var curves = KaplanMeier.Estimate(uplift.Data.Table);
        var resolved = curves.Single(c => c.Group == uplift.Data.ReferenceGroup);
        var unresolved = curves.Single(c => c.Group == uplift.Data.ExposedGroup);
        RetentionUpliftValue? value = null;
        if (Clv.TryGetValue(out var clv))
        {
            value = RetentionUpliftValue.Of(uplift.Comparison, clv.ValuePerCustomer, clv.Definition);
        }
        string definition = string.Create(CultureInfo.InvariantCulture,
            $"Kaplan-Meier retention {Options.RetentionHorizon.TotalDays:0} days after the first contact with a known outcome (resolved flag), resolved minus not; follow-up to {Window.End}; customers kept = difference x customers whose first contact was unresolved");
        return AnalysisFigure<RetentionAnalysis>.Of(new RetentionAnalysis(uplift, resolved, unresolved, value, definition));
    });
}
