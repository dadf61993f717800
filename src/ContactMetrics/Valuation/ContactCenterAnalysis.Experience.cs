using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Tables;

namespace ContactMetrics.Valuation;

/// <summary>A business-case line of the analysis with its definition and the sentence a board reads. Immutable.</summary>
public sealed record BusinessCaseLine
{
    /// <summary>Made by the analysis only.</summary>
    internal BusinessCaseLine(LineItem item, string definition, string sentence)
    {
        Item = item;
        Definition = definition;
        Sentence = sentence;
    }

    /// <summary>The line: mechanism, inputs (each with its provenance: measured, modelled or assumed), formula and value a year.</summary>
    public LineItem Item { get; }

    /// <summary>How the measured inputs were measured, in words, with the source of the method.</summary>
    public string Definition { get; }

    /// <summary>The line in one sentence, e.g. <c>CSAT +5 points -> churn -4.1% in segment consumer -> EUR 240,000 a year</c>.</summary>
    public string Sentence { get; }
}

/// <summary>The CSAT -> churn relation of one segment and its business-case line. Immutable.</summary>
public sealed record CsatSegmentLine
{
    /// <summary>Made by the analysis only.</summary>
    internal CsatSegmentLine(string segment, RetentionComparison comparison, double relativeChurnChange, BusinessCaseLine line)
    {
        Segment = segment;
        Comparison = comparison;
        RelativeChurnChange = relativeChurnChange;
        Line = line;
    }

    /// <summary>The segment (<see cref="ContactCenterAnalysis.NoSegment"/> for customers without one).</summary>
    public string Segment { get; }

    /// <summary>Retention at the horizon, first surveyed contact top-box vs not (index-date Kaplan-Meier, adjusted Cox HR).</summary>
    public RetentionComparison Comparison { get; }

    /// <summary>The change of the segment's churn at the horizon the CSAT gain brings, relative to its churn now (negative: less churn).</summary>
    public double RelativeChurnChange { get; }

    /// <summary>The line and its sentence.</summary>
    public BusinessCaseLine Line { get; }
}

/// <summary>A segment the CSAT -> churn line could not be measured in, and why. Immutable.</summary>
public sealed record SegmentGap
{
    /// <summary>Made by the analysis only.</summary>
    internal SegmentGap(string segment, string reason)
    {
        Segment = segment;
        Reason = reason;
    }

    /// <summary>The segment.</summary>
    public string Segment { get; }

    /// <summary>Why, in one sentence.</summary>
    public string Reason { get; }
}

/// <summary>CSAT -> churn by segment: one line per segment the data supports, and the segments it does not. Immutable.</summary>
public sealed record CsatChurnAnalysis
{
    /// <summary>Made by the analysis only.</summary>
    internal CsatChurnAnalysis(ImmutableArray<CsatSegmentLine> segments, ImmutableArray<SegmentGap> gaps, string definition)
    {
        Segments = segments;
        Gaps = gaps;
        Definition = definition;
    }

    /// <summary>The segments with a line, largest first.</summary>
    public ImmutableArray<CsatSegmentLine> Segments { get; }

    /// <summary>The segments without one, with the reason.</summary>
    public ImmutableArray<SegmentGap> Gaps { get; }

    /// <summary>The comparison, in words.</summary>
    public string Definition { get; }
}

/// <summary>Survey responses with an NPS answer and a <c>recommended</c> answer, at one score, and how many recommended. Immutable.</summary>
public sealed record RecommendationAtScore
{
    /// <summary>Made by the analysis only.</summary>
    internal RecommendationAtScore(int score, long responses, long recommended)
    {
        Score = score;
        Responses = responses;
        Recommended = recommended;
    }

    /// <summary>The NPS answer, 0-10.</summary>
    public int Score { get; }

    /// <summary>Responses with that score and a recommended answer.</summary>
    public long Responses { get; }

    /// <summary>Of those, the customers who said they recommended the company.</summary>
    public long Recommended { get; }

    /// <summary>The share who recommended, with its Wilson 95% interval.</summary>
    public RateEstimate Share => new(Recommended, Responses, string.Create(CultureInfo.InvariantCulture, $"recommended = true / responses with NPS {Score} and a recommended answer"));
}

public sealed partial class ContactCenterAnalysis
{
    private readonly Lazy<AnalysisFigure<CsatChurnAnalysis>> _csatChurn;
    private readonly Lazy<AnalysisFigure<IReadOnlyList<RecommendationAtScore>>> _recommendation;
    private readonly Lazy<AnalysisFigure<BusinessCaseLine>> _npsReferrals;
    private readonly Lazy<AnalysisFigure<BusinessCaseLine>> _cesRepeats;
    private readonly Lazy<AnalysisFigure<BusinessCaseLine>> _cesChurn;
    private readonly Lazy<AnalysisFigure<BusinessCaseLine>> _selfServiceShift;
    private readonly Lazy<AnalysisFigure<BusinessCaseAnalysis>> _experienceCase;

    /// <summary>
    /// CSAT -> churn per segment (<see cref="ExperienceAssumptions.CsatGain"/>): in each segment, retention at
    /// <see cref="AnalysisOptions.RetentionHorizon"/> after the first surveyed contact, top-box CSAT minus not (index-date
    /// design, as the FCR line), x the segment's customers with a contact a year x the gain x the segment's value per customer.
    /// </summary>
    public AnalysisFigure<CsatChurnAnalysis> CsatChurn => _csatChurn.Value;

    /// <summary>The share of respondents who actually recommended, by NPS score, from the <c>recommended</c> survey answer; unavailable when the data has none.</summary>
    public AnalysisFigure<IReadOnlyList<RecommendationAtScore>> RecommendationByScore => _recommendation.Value;

    /// <summary>NPS -> referrals (<see cref="ValueMechanisms.NpsReferralsByScore"/>): shares who recommend measured where the data has the flag, the study's otherwise.</summary>
    public AnalysisFigure<BusinessCaseLine> NpsReferrals => _npsReferrals.Value;

    /// <summary>CES -> repeat contacts (<see cref="ValueMechanisms.RepeatContactsAvoidedByEffort"/>), where the data has CES answers on resolved contacts.</summary>
    public AnalysisFigure<BusinessCaseLine> CesRepeats => _cesRepeats.Value;

    /// <summary>
    /// CES -> churn (<see cref="ValueMechanisms.ChurnAvoidedByEffort"/>): retention at <see cref="AnalysisOptions.RetentionHorizon"/>
    /// after the first contact with a CES answer, easy (CES 5-7) minus not (index-date design, as the FCR and CSAT lines), x
    /// customers with a contact a year x the CES gain x value per customer; where the data has CES answers.
    /// </summary>
    public AnalysisFigure<BusinessCaseLine> CesChurn => _cesChurn.Value;

    /// <summary>The self-service shift (<see cref="ValueMechanisms.SelfServiceShift"/>): contacts moved x (contained share x marginal agent cost - self-service cost), containment failure measured.</summary>
    public AnalysisFigure<BusinessCaseLine> SelfServiceShift => _selfServiceShift.Value;

    /// <summary>The customer-experience levers together: every line above the data supports, in one business case with its seeded Monte Carlo.</summary>
    public AnalysisFigure<BusinessCaseAnalysis> ExperienceCase => _experienceCase.Value;

    /// <summary>The experience lines the data supports, in order: CSAT by segment, NPS, CES repeats, CES churn, self-service.</summary>
    public ImmutableArray<BusinessCaseLine> ExperienceLines
    {
        get
        {
            var lines = ImmutableArray.CreateBuilder<BusinessCaseLine>();
            if (CsatChurn.TryGetValue(out var csat))
            {
                lines.AddRange(csat.Segments.Select(s => s.Line));
            }
            foreach (var figure in new[] { NpsReferrals, CesRepeats, CesChurn, SelfServiceShift })
            {
                if (figure.TryGetValue(out var line))
                {
                    lines.Add(line);
                }
            }
            return lines.ToImmutable();
        }
    }

    private UncertainInput Gain(string name, (double Point, double Low, double High) gain, string what) =>
        UncertainInput.AssumedShare(name, gain.Point, gain.Low, gain.High,
            string.Create(CultureInfo.InvariantCulture, $"{what}: the programme's target of +{gain.Point * 100:0.#} points; {gain.Low * 100:0.#} to {gain.High * 100:0.#} points judged plausible"));

    private AnalysisFigure<CsatChurnAnalysis> ComputeCsatChurn() => Try(() =>
    {
        if (ValuePerCustomerInput is null)
        {
            return AnalysisFigure<CsatChurnAnalysis>.Unavailable("CSAT -> churn needs the customer value: " + Clv.Reason);
        }
        var clv = Clv.Value;
        var x = Options.Experience;
        var gain = Gain("CSAT gain", x.CsatGain, "share of customers moved to a top-box CSAT");
        var customersBySegment = Data.Customers.GroupBy(c => c.Segment ?? NoSegment).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        // The business case's one count of customers with a contact (SegmentInputs: a handled contact with a known outcome), by segment.
        var contactCounts = SegmentInputsLastYear.ToDictionary(r => r.Segment ?? NoSegment, r => r.Customers, StringComparer.Ordinal);
        var lines = ImmutableArray.CreateBuilder<CsatSegmentLine>();
        var gaps = ImmutableArray.CreateBuilder<SegmentGap>();
        foreach (var group in customersBySegment)
        {
            string segment = group.Key;
            // The segment's customers with the whole table: the contacts of other customers are not theirs, so they are left out.
            if (!RetentionUpliftBuilder.TryEstimate(group, Interactions, UpliftGrouping.Csat, Options.RetentionHorizon, Window.End,
                out var uplift, out var notEnough))
            {
                gaps.Add(new SegmentGap(segment, notEnough.Reason));
                continue;
            }
            var c = uplift.Comparison;
            if (Math.Min(c.Reference.Customers, c.Exposed.Customers) < x.MinimumGroupSize)
            {
                gaps.Add(new SegmentGap(segment, string.Create(CultureInfo.InvariantCulture,
                    $"{c.Reference.Customers} customers with a top-box first answer and {c.Exposed.Customers} without: fewer than {x.MinimumGroupSize} in a group.")));
                continue;
            }
            var values = Enumerable.Range(0, clv.Values.Length).Where(k => clv.Segments[k] == segment).Select(k => (double)clv.Values[k].Amount).ToArray();
            if (values.Length < 2)
            {
                gaps.Add(new SegmentGap(segment, $"{values.Length} valued customer(s) in the CLV sample: no value per customer of the segment."));
                continue;
            }
            var (mean, low, high) = MeanInterval(values);
            var value = UncertainInput.FromInterval($"value per customer ({segment})", $"{Currency} per customer", mean,
                // Floored at 0 as the analysis's value per customer is (MeanInterval): a small, skewed segment's normal
                // interval can reach below 0, which the input's floor would refuse and lose every segment's line.
                new ConfidenceInterval(low, high, 0.95, "normal (mean)"),
                InputSource.Modelled($"mean CLV of the segment's valued customers: {clv.Definition}", "segment mean, normal 95% interval of the mean (the models' parameter uncertainty is not included)", values.Length),
                Currency, 0);
            long customers = contactCounts.GetValueOrDefault(segment);
            var affected = UncertainInput.Exact($"customers with a contact a year ({segment})", "customers a year", customers,
                InputSource.Measured($"customers of segment {segment} with a handled contact with a known outcome in the last 365 days", "distinct count", customers));
            var relation = UncertainInput.FromRetentionDifference($"retention uplift, CSAT top-box vs not ({segment})", c.Difference,
                string.Create(CultureInfo.InvariantCulture, $"{Options.RetentionHorizon.TotalDays:0}-day retention of segment {segment} after the first surveyed contact, top-box CSAT ({c.Reference.Retention * 100:0.0}%) minus not ({c.Exposed.Retention * 100:0.0}%); index-date design"),
                c.Reference.Customers + c.Exposed.Customers);
            var item = ValueMechanisms.ChurnAvoidedByCsatInSegment(segment, affected, gain, relation, value);
            double relative = RelativeChurnChange(gain.Point, c);
            string sentence = string.Create(CultureInfo.InvariantCulture,
                $"CSAT +{gain.Point * 100:0.#} points -> churn {relative * 100:+0.0;-0.0;0.0}% in segment {segment} -> {Whole(item)} a year");
            lines.Add(new CsatSegmentLine(segment, c, relative, new BusinessCaseLine(item, CsatDefinition, sentence)));
        }
        if (lines.Count == 0)
        {
            return AnalysisFigure<CsatChurnAnalysis>.Unavailable("No segment has enough customers with a CSAT answer in both groups: "
                + string.Join(" ", gaps.Select(g => $"{g.Segment}: {g.Reason}")));
        }
        return AnalysisFigure<CsatChurnAnalysis>.Of(new CsatChurnAnalysis(lines.ToImmutable(), gaps.ToImmutable(), CsatDefinition));
    });

    private string CsatDefinition => string.Create(CultureInfo.InvariantCulture,
        $"Per segment: Kaplan-Meier retention {Options.RetentionHorizon.TotalDays:0} days after each customer's first surveyed contact, top-box CSAT (5 of 5, whatever box the CSAT KPI uses) minus lower (index-date design: follow-up from that contact's end, customers churned before it left out; Suissa 2008, Anderson, Cain & Gelber 1983), follow-up to {Window.End}; ")
        + "value = the segment's customers with a contact a year x the share moved to top-box (assumed) x that difference x the segment's mean CLV (modelled); churn change relative to the segment's churn at the horizon. Observational: top-box answers follow resolved contacts, so the difference also carries what resolution does.";

    private AnalysisFigure<IReadOnlyList<RecommendationAtScore>> ComputeRecommendation()
    {
        var responses = new long[SurveyResponse.NpsMax + 1];
        var recommended = new long[SurveyResponse.NpsMax + 1];
        var t = Interactions;
        for (int i = 0; i < t.Count; i++)
        {
            if (t.Nps[i] != InteractionTable.Missing && t.Recommended[i] != InteractionTable.Missing)
            {
                responses[t.Nps[i]]++;
                recommended[t.Nps[i]] += t.Recommended[i];
            }
        }
        if (responses.Sum() == 0)
        {
            return AnalysisFigure<IReadOnlyList<RecommendationAtScore>>.Unavailable("No survey response has both an NPS answer and a recommended answer (the optional recommended column).");
        }
        return AnalysisFigure<IReadOnlyList<RecommendationAtScore>>.Of(
            [.. Enumerable.Range(0, responses.Length).Select(s => new RecommendationAtScore(s, responses[s], recommended[s]))]);
    }

    private AnalysisFigure<BusinessCaseLine> ComputeNpsReferrals()
    {
        if (ValuePerCustomerInput is not { } value)
        {
            return AnalysisFigure<BusinessCaseLine>.Unavailable("NPS -> referrals needs the customer value: " + Clv.Reason);
        }
        var x = Options.Experience;
        UncertainInput Share(int score, (double Point, double Low, double High) assumed, out bool measured)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"share who recommend at {score}");
            if (RecommendationByScore.TryGetValue(out var byScore) && byScore[score].Responses >= x.MinimumGroupSize)
            {
                measured = true;
                return UncertainInput.FromRate(name, byScore[score].Share,
                    string.Create(CultureInfo.InvariantCulture, $"share of survey responses with NPS {score} whose recommended answer is true, whole window"));
            }
            measured = false;
            return UncertainInput.AssumedShare(name, assumed.Point, assumed.Low, assumed.High,
                string.Create(CultureInfo.InvariantCulture, $"MarketResponse study: {assumed.Point * 100:0}% of customers who gave a {score} actually recommended; {assumed.Low * 100:0}% to {assumed.High * 100:0}% judged plausible here (the data has fewer than {x.MinimumGroupSize} responses with NPS {score} and a recommended answer)"));
        }
        var atTen = Share(10, x.RecommendShareAtTen, out bool tenMeasured);
        var atSeven = Share(7, x.RecommendShareAtSeven, out bool sevenMeasured);
        var gain = Gain("NPS gain", x.NpsGain, "share of customers moved from a 7 to a 10");
        var conversion = UncertainInput.AssumedShare("referral conversion", x.ReferralConversion.Point, x.ReferralConversion.Low, x.ReferralConversion.High,
            string.Create(CultureInfo.InvariantCulture, $"new customers per customer who recommends: {x.ReferralConversion.Point * 100:0.#}% assumed (no referral tracking), {x.ReferralConversion.Low * 100:0.#}% to {x.ReferralConversion.High * 100:0.#}% plausible"));
        var customers = CustomersWithContactInput;
        var item = ValueMechanisms.NpsReferralsByScore(customers, gain, atTen, atSeven, conversion, value);
        string shares = (tenMeasured, sevenMeasured) switch
        {
            (true, true) => "measured from the recommended survey answer",
            (false, false) => string.Create(CultureInfo.InvariantCulture,
                $"{x.RecommendShareAtTen.Point * 100:0.#}% at 10 and {x.RecommendShareAtSeven.Point * 100:0.#}% at 7 (assumed, by default the MarketResponse study's; the data has no or too few recommended answers)"),
            _ => "measured where the data has enough recommended answers, the study's value otherwise",
        };
        string definition = string.Create(CultureInfo.InvariantCulture,
            $"Customers with a contact a year (measured) x the share moved from a 7 to a 10 (+y NPS points; assumed) x (share who actually recommend at 10 - at 7: {shares}) x referral conversion (assumed) x value per customer (modelled, the CLV). Actual recommendation, not stated intent: MarketResponse found 36% of those who gave a 10 and 14% of those who gave a 7 recommended.");
        string sentence = string.Create(CultureInfo.InvariantCulture,
            $"NPS +{gain.Point * 100:0.#} points (7 -> 10) -> {customers.Point * gain.Point * (atTen.Point - atSeven.Point) * conversion.Point:N0} referred customers -> {Whole(item)} a year");
        return AnalysisFigure<BusinessCaseLine>.Of(new BusinessCaseLine(item, definition, sentence));
    }

    private AnalysisFigure<BusinessCaseLine> ComputeCesRepeats()
    {
        if (CostPerContactInput is not { } cost)
        {
            return AnalysisFigure<BusinessCaseLine>.Unavailable("CES -> repeat contacts needs the cost per contact: " + CostToServe.Reason);
        }
        var t = Interactions;
        var flags = t.RepeatFlags(Options.Kpis.Repeat, Environment.ProcessorCount);
        long nDifficult = 0, kDifficult = 0, nEasy = 0, kEasy = 0;
        for (int i = 0; i < t.Count; i++)
        {
            if (!IsFcrUnit(flags[i]) || t.Resolved[i] <= 0 || !InLastYear(t.ArrivedMs[i]))
            {
                continue;
            }
            int repeated = (flags[i] & RepeatContactDetector.FollowedByRepeat) != 0 ? 1 : 0;
            if (t.Ces[i] is >= SurveyResponse.CesMin and <= DifficultCesMaximum)
            {
                nDifficult++;
                kDifficult += repeated;
            }
            else if (t.Ces[i] >= RetentionUpliftOptions.Default.CesEasyMinimum)
            {
                nEasy++;
                kEasy += repeated;
            }
        }
        int minimum = Options.Experience.MinimumGroupSize;
        if (nDifficult < minimum || nEasy < minimum)
        {
            return AnalysisFigure<BusinessCaseLine>.Unavailable(string.Create(CultureInfo.InvariantCulture,
                $"CES -> repeat contacts needs at least {minimum} resolved {FcrUnits} of the last year with a difficult (CES 1-3) and with an easy (CES 5-7) answer; the data has {nDifficult} and {nEasy}."));
        }
        double pd = (double)kDifficult / nDifficult, pe = (double)kEasy / nEasy;
        var (difference, interval) = ProportionInterval.Difference(kDifficult, nDifficult, kEasy, nEasy);
        // The resolved units of the last year: the same scan as the current FCR's (one count, one definition).
        long resolved = _flaggedLastYear.Value.Resolved;
        var extra = UncertainInput.FromInterval("extra repeats per difficult contact", "contacts", difference, interval,
            InputSource.Measured(
                string.Create(CultureInfo.InvariantCulture, $"share of resolved {FcrUnits} followed by a repeat ({Options.Kpis.Repeat.Describe()}) in the last 365 days: CES 1-3 {pd * 100:0.0}% minus CES 5-7 {pe * 100:0.0}%"),
                "difference of proportions, normal 95% interval; repeats as in FCR", nDifficult + nEasy), null, -1, 1);
        var contacts = UncertainInput.Exact("resolved contacts a year", "contacts a year", resolved,
            InputSource.Measured($"{FcrUnits} flagged resolved in the last 365 days ({Options.Kpis.Repeat.Describe()})", "count; next year's volume taken as last year's", resolved));
        var gain = CesGainInput;
        var item = ValueMechanisms.RepeatContactsAvoidedByEffort(contacts, gain, extra, cost);
        string definition = string.Create(CultureInfo.InvariantCulture,
            $"Resolved {FcrUnits} a year (measured) x the share moved from difficult to easy (assumed) x extra repeats of a difficult resolved contact: share followed by a repeat, CES 1-3 minus CES 5-7 (measured on the surveyed contacts; CES 2.0, Dixon, Freeman & Toman 2010, higher is easier) x {cost.Name} (modelled). Resolved contacts only, so the FCR line's repeats are not counted twice.");
        string sentence = string.Create(CultureInfo.InvariantCulture,
            $"CES +{gain.Point * 100:0.#} points -> {resolved * gain.Point * (pd - pe):N0} repeat contacts fewer -> {Whole(item)} a year");
        return AnalysisFigure<BusinessCaseLine>.Of(new BusinessCaseLine(item, definition, sentence));
    }

    /// <summary>The CES lever's one assumed gain, shared by the repeat and the churn lines (one draw per Monte Carlo iteration).</summary>
    private UncertainInput CesGainInput => Gain("CES gain", Options.Experience.CesGain,
        "share of contacts moved to an easy answer (CES 5-7): from difficult (1-3) in the repeat line, from not easy (1-4) in the churn line");

    private AnalysisFigure<BusinessCaseLine> ComputeCesChurn() => Try(() =>
    {
        if (ValuePerCustomerInput is not { } value)
        {
            return AnalysisFigure<BusinessCaseLine>.Unavailable("CES -> churn needs the customer value: " + Clv.Reason);
        }
        if (!RetentionUpliftBuilder.TryEstimate(Data.Customers, Interactions, UpliftGrouping.Effort, Options.RetentionHorizon, Window.End,
            out var uplift, out var notEnough))
        {
            return AnalysisFigure<BusinessCaseLine>.Unavailable("CES -> churn: " + notEnough.Reason);
        }
        var c = uplift.Comparison;
        int minimum = Options.Experience.MinimumGroupSize;
        if (Math.Min(c.Reference.Customers, c.Exposed.Customers) < minimum)
        {
            return AnalysisFigure<BusinessCaseLine>.Unavailable(string.Create(CultureInfo.InvariantCulture,
                $"CES -> churn needs at least {minimum} customers whose first CES answer was easy (5-7) and as many whose was not (1-4); the data has {c.Reference.Customers} and {c.Exposed.Customers}."));
        }
        var relation = UncertainInput.FromRetentionDifference("retention uplift, CES easy vs not", c.Difference,
            string.Create(CultureInfo.InvariantCulture, $"{Options.RetentionHorizon.TotalDays:0}-day retention after the first contact with a CES answer, easy ({c.Reference.Retention * 100:0.0}%) minus not ({c.Exposed.Retention * 100:0.0}%); index-date design"),
            c.Reference.Customers + c.Exposed.Customers);
        var gain = CesGainInput;
        var customers = CustomersWithContactInput;
        var item = ValueMechanisms.ChurnAvoidedByEffort(customers, gain, relation, value);
        double relative = RelativeChurnChange(gain.Point, c);
        string definition = string.Create(CultureInfo.InvariantCulture,
            $"Kaplan-Meier retention {Options.RetentionHorizon.TotalDays:0} days after each customer's first contact with a CES answer, easy (CES 5-7; CES 2.0, Dixon, Freeman & Toman 2010, higher is easier) minus not (1-4) (index-date design: follow-up from that contact's end, customers churned before it left out; Suissa 2008, Anderson, Cain & Gelber 1983), follow-up to {Window.End}; ")
            + "value = customers with a contact a year (measured) x the share moved to an easy answer (assumed) x that difference (measured) x value per customer (modelled, the CLV); churn change relative to the churn at the horizon. Observational: easy answers follow resolved contacts, so the difference also carries what resolution does.";
        string sentence = string.Create(CultureInfo.InvariantCulture,
            $"CES +{gain.Point * 100:0.#} points -> churn {relative * 100:+0.0;-0.0;0.0}% -> {Whole(item)} a year");
        return AnalysisFigure<BusinessCaseLine>.Of(new BusinessCaseLine(item, definition, sentence));
    });

    /// <summary>
    /// The change of churn at the horizon when a share <paramref name="gain"/> of customers moves from the exposed group to the
    /// reference group, relative to the pooled churn now (negative: less churn); 0 when no one churns.
    /// </summary>
    private static double RelativeChurnChange(double gain, RetentionComparison c)
    {
        double churnNow = 1 - (((c.Reference.Customers * c.Reference.Retention) + (c.Exposed.Customers * c.Exposed.Retention)) / (c.Reference.Customers + c.Exposed.Customers));
        return churnNow > 0 ? -gain * c.Difference.Difference / churnNow : 0;
    }

    /// <summary>A line's value in whole currency units, e.g. <c>1,555 EUR</c>, for its sentence.</summary>
    private static string Whole(LineItem item) => string.Create(CultureInfo.InvariantCulture, $"{item.Value.Amount:N0} {item.Currency}");

    /// <summary>The highest CES 2.0 answer counted as difficult ("somewhat disagree" that it was easy, or less).</summary>
    private const int DifficultCesMaximum = 3;

    private AnalysisFigure<BusinessCaseLine> ComputeSelfServiceShift()
    {
        if (!CostToServe.TryGetValue(out var costs) || CostPerContactInput is not { } assistedCost)
        {
            return AnalysisFigure<BusinessCaseLine>.Unavailable("The self-service shift needs cost-to-serve: " + CostToServe.Reason);
        }
        bool marginal = Options.AvoidedContactCost == AvoidedContactCost.Marginal;
        var (selfCost, selfContacts) = CostOfChannels(costs, c => c.IsSelfService());
        var (attempts, failed, agentContacts) = SelfServiceContainmentLastYear();
        int minimum = Options.Experience.MinimumGroupSize;
        if (selfContacts == 0 || attempts < minimum)
        {
            return AnalysisFigure<BusinessCaseLine>.Unavailable(string.Create(CultureInfo.InvariantCulture,
                $"The self-service shift needs self-service contacts to price and at least {minimum} of the last year with a reason to measure containment; the data has {selfContacts} and {attempts}."));
        }
        double range = Options.CostRange;
        double selfPoint = (double)decimal.Round(selfCost / selfContacts, 6);
        var selfServiceCost = new UncertainInput(marginal ? "marginal cost per self-service contact" : "fully loaded cost per self-service contact", $"{costs.Currency} per contact",
            selfPoint, selfPoint * (1 - range), selfPoint * (1 + range), 1, SamplingDistribution.Pert,
            InputSource.Modelled(string.Create(CultureInfo.InvariantCulture, $"cost per contact of the {selfContacts:N0} self-service contacts of the window ({(marginal ? "marginal: per-contact platform and bot fees, no overheads" : "fully loaded")}): measured contacts x assumed rates from {Options.RatesSource}"),
                string.Create(CultureInfo.InvariantCulture, $"activity-based cost-to-serve; range +-{range * 100:0}% for the rates (assumed)"), selfContacts),
            costs.Currency, 0);
        var failure = UncertainInput.FromRate("containment failure",
            new RateEstimate(failed, attempts, $"self-service contacts not marked resolved and followed by an inbound agent contact on the same reason within {Options.Kpis.Repeat.Window.TotalDays:0.##} days / self-service contacts with a reason"),
            "share of the last 365 days' self-service contacts of identified customers that came back to an agent on the same reason");
        var (sp, sl, sh) = Options.Experience.SelfServiceShift;
        var shifted = new UncertainInput("contacts shifted to self-service", "contacts a year", agentContacts * sp, agentContacts * sl, agentContacts * sh, 1, SamplingDistribution.Pert,
            InputSource.Modelled(string.Create(CultureInfo.InvariantCulture, $"{agentContacts:N0} inbound agent-handled contacts in the last 365 days (measured) x {sp * 100:0.#}% moved to self-service (assumed; {sl * 100:0.#}% to {sh * 100:0.#}% plausible)"),
                "count x assumed share", agentContacts), null, 0);
        var item = ValueMechanisms.SelfServiceShift(shifted, assistedCost, selfServiceCost, failure);
        string definition = string.Create(CultureInfo.InvariantCulture,
            $"Contacts shifted (measured agent-handled contacts x assumed share; modelled) x ((1 - containment failure) x {assistedCost.Name} - self-service cost per contact), both costs modelled from cost-to-serve ({(marginal ? "marginal" : "fully loaded")}); containment failure measured: self-service contacts not marked resolved and followed by an inbound agent contact of the same customer on the same reason within the FCR window ({Options.Kpis.Repeat.Describe()}).");
        string sentence = string.Create(CultureInfo.InvariantCulture,
            $"Self-service +{sp * 100:0.#}% of agent contacts ({agentContacts * sp:N0}, {failure.Point * 100:0.#}% back to an agent) -> {Whole(item)} a year");
        return AnalysisFigure<BusinessCaseLine>.Of(new BusinessCaseLine(item, definition, sentence));
    }

    /// <summary>
    /// The last year's self-service contacts of identified customers with a reason, those not marked resolved and followed
    /// by an inbound agent-channel contact of the customer on the same reason within the repeat window, and the inbound
    /// agent-handled contacts of the last year (the base of the shift). A session marked resolved was contained whatever
    /// follows: counting its customer's unrelated same-reason contacts of the week overstated the failure (0.3895 against a
    /// planted 0.369 on the telecom demo).
    /// </summary>
    private (long Attempts, long Failed, long AgentContacts) SelfServiceContainmentLastYear()
    {
        var t = Interactions;
        long windowMs = (long)Options.Kpis.Repeat.Window.TotalMilliseconds;
        var rows = Enumerable.Range(0, t.Count).Where(i => t.Customer[i] >= 0).ToArray();
        Array.Sort(rows, (a, b) => t.Customer[a] != t.Customer[b] ? t.Customer[a].CompareTo(t.Customer[b]) : t.ArrivedMs[a] != t.ArrivedMs[b] ? t.ArrivedMs[a].CompareTo(t.ArrivedMs[b]) : a.CompareTo(b));
        long attempts = 0, failed = 0, agent = 0;
        for (int k = 0; k < t.Count; k++)
        {
            var channel = (Channel)t.Channel[k];
            if (channel.IsAgentHandled() && t.Direction[k] == (byte)Direction.Inbound && t.Answered[k] && InLastYear(t.ArrivedMs[k]))
            {
                agent++;
            }
        }
        for (int n = 0; n < rows.Length; n++)
        {
            int i = rows[n];
            if (!((Channel)t.Channel[i]).IsSelfService() || t.Reason[i] < 0 || !InLastYear(t.ArrivedMs[i]))
            {
                continue;
            }
            attempts++;
            if (t.Resolved[i] == 1)
            {
                continue; // the session itself says it was contained: a later contact on the reason is another need
            }
            for (int m = n + 1; m < rows.Length && t.Customer[rows[m]] == t.Customer[i] && t.ArrivedMs[rows[m]] - t.ArrivedMs[i] <= windowMs; m++)
            {
                int j = rows[m];
                if (t.Reason[j] == t.Reason[i] && ((Channel)t.Channel[j]).IsAgentHandled() && t.Direction[j] == (byte)Direction.Inbound)
                {
                    failed++;
                    break;
                }
            }
        }
        return (attempts, failed, agent);
    }

    private AnalysisFigure<BusinessCaseAnalysis> ComputeExperienceCase()
    {
        var lines = ExperienceLines;
        if (lines.IsEmpty)
        {
            return AnalysisFigure<BusinessCaseAnalysis>.Unavailable("No customer-experience line is supported by the data: CSAT -> churn: " + CsatChurn.Reason
                + " NPS -> referrals: " + NpsReferrals.Reason + " CES -> repeats: " + CesRepeats.Reason + " CES -> churn: " + CesChurn.Reason + " Self-service: " + SelfServiceShift.Reason);
        }
        return Try(() => AnalysisFigure<BusinessCaseAnalysis>.Of(
            new BusinessCase("Customer experience levers", Currency, lines.Select(l => l.Item)).Analyze(Options.Iterations, Options.Seed)));
    }
}
