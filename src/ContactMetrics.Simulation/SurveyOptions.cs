using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// The planted post-contact survey: who answers, and how the scores depend on resolution and waiting.
/// </summary>
/// <remarks>
/// <para>An answered contact (not abandoned) gets a survey response with probability
/// <see cref="ResponseRate"/>, independent of its outcome. The respondent's latent satisfaction,
/// on the CSAT scale, is</para>
/// <para>u = <see cref="CsatBase"/> + <see cref="ResolvedEffect"/> * resolved
/// - <see cref="WaitEffectPerMinute"/> * min(wait, <see cref="WaitCap"/>) in minutes + <see cref="NoiseSd"/> * e1,</para>
/// <para>where wait = AnsweredAt - ArrivedAt on queued channels (zero on email and self-service) and
/// e1, e2, e3 are independent standard normals. The answers are CSAT = clamp(round(u), 1, 5),
/// NPS = clamp(round(2.5 (u - 1) + <see cref="NpsNoiseSd"/> e2), 0, 10) and
/// CES = clamp(round(1 + 1.5 (u - 1) + <see cref="CesNoiseSd"/> e3), 1, 7)
/// (CES 2.0: higher is easier). Rounding and clamping shrink the observed differences a little
/// below the latent effects.</para>
/// <para>Every answered contact has these latent answers, whether or not the customer responds; two planted relations
/// act on them. Effort: a resolved contact whose CES would be at most <see cref="HighEffortMaximum"/> is followed by a
/// repeat contact on the same reason with probability <see cref="HighEffortRepeatProbability"/> (the customer calls
/// back to check or finish what was hard work), timed as a repeat after an unresolved contact
/// (<see cref="ContactOptions"/>). Recommendation: a response with an NPS answer s also says whether the customer
/// actually recommended the company, true with probability <see cref="RecommendationProbability(int)"/>: the logistic
/// curve through <see cref="RecommendAtTen"/> at 10 and <see cref="RecommendAtSeven"/> at 7 (the MarketResponse study's
/// 36 % and 14 % by default), monotone in the score.</para>
/// <para>The third survey relation, CSAT to churn, is per segment: <see cref="SegmentOptions.TopBoxHazardRatio"/>.</para>
/// </remarks>
public sealed record SurveyOptions
{
    /// <summary>Slope of the latent satisfaction in the NPS answer (u = 1 maps to 0, u = 5 to 10).</summary>
    internal const double NpsSlope = 2.5;

    /// <summary>Slope of the latent satisfaction in the CES answer (u = 1 maps to 1, u = 5 to 7).</summary>
    internal const double CesSlope = 1.5;

    /// <summary>Probability that an answered contact gets a survey response, in [0, 1]. Default 0.2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double ResponseRate { get; init => field = OptionChecks.Probability(value, nameof(ResponseRate)); } = 0.2;

    /// <summary>Mean latent satisfaction (CSAT points) of an unresolved contact answered without waiting. Default 3.0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double CsatBase { get; init => field = Preconditions.CheckFinite(value, nameof(CsatBase)); } = 3.0;

    /// <summary>Planted effect of resolution on the latent satisfaction, in CSAT points. Default +1.3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double ResolvedEffect { get; init => field = Preconditions.CheckFinite(value, nameof(ResolvedEffect)); } = 1.3;

    /// <summary>Planted loss of latent satisfaction per minute of waiting (queued channels), in CSAT points. Default 0.05.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double WaitEffectPerMinute { get; init => field = Preconditions.CheckFinite(value, nameof(WaitEffectPerMinute)); } = 0.05;

    /// <summary>Waiting beyond this no longer lowers satisfaction. Default 30 minutes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public Duration WaitCap { get; init => field = OptionChecks.NonNegativeDuration(value, nameof(WaitCap)); } = Duration.FromMinutes(30);

    /// <summary>Standard deviation of the latent satisfaction around its mean, in CSAT points; at least 0. Default 0.8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double NoiseSd { get; init => field = Preconditions.CheckNonNegative(value, nameof(NoiseSd)); } = 0.8;

    /// <summary>Standard deviation of the NPS answer's own noise, in NPS points; at least 0. Default 1.0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double NpsNoiseSd { get; init => field = Preconditions.CheckNonNegative(value, nameof(NpsNoiseSd)); } = 1.0;

    /// <summary>
    /// Probability that a response with an NPS answer of 10 says the customer actually recommended the company, in (0, 1).
    /// Default 0.36 (MarketResponse study: 36 % of those who gave a 10 recommended).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1).</exception>
    public double RecommendAtTen { get; init => field = OpenShare(value, nameof(RecommendAtTen)); } = 0.36;

    /// <summary>
    /// Probability that a response with an NPS answer of 7 says the customer actually recommended the company, in (0, 1).
    /// Default 0.14 (MarketResponse study: 14 % of those who gave a 7).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1).</exception>
    public double RecommendAtSeven { get; init => field = OpenShare(value, nameof(RecommendAtSeven)); } = 0.14;

    /// <summary>Whether a response with an NPS answer also answers "did you recommend us?" (the <c>recommended</c> column). Default true.</summary>
    public bool AsksRecommended { get; init; } = true;

    /// <summary>The highest CES answer (1-7) that counts as high effort for <see cref="HighEffortRepeatProbability"/>. Default 3 ("somewhat disagree" that it was easy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1-7.</exception>
    public int HighEffortMaximum { get; init => field = Preconditions.CheckInRange(value, 1, 7, nameof(HighEffortMaximum)); } = 3;

    /// <summary>
    /// Planted probability that a resolved contact of high effort (latent CES at most <see cref="HighEffortMaximum"/>) is
    /// followed by a repeat contact on the same reason, in [0, 1]. Default 0 (no effect); the presets plant 0.2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double HighEffortRepeatProbability { get; init => field = OptionChecks.Probability(value, nameof(HighEffortRepeatProbability)); }

    /// <summary>Standard deviation of the CES answer's own noise, in CES points; at least 0. Default 0.8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double CesNoiseSd { get; init => field = Preconditions.CheckNonNegative(value, nameof(CesNoiseSd)); } = 0.8;

    /// <summary>
    /// The planted probability that a respondent who gave NPS <paramref name="score"/> actually recommended the company:
    /// 1 / (1 + exp(-(l10 + (score - 10) (l10 - l7) / 3))) with l10 = logit(<see cref="RecommendAtTen"/>) and
    /// l7 = logit(<see cref="RecommendAtSeven"/>), so exactly those values at 10 and 7 and monotone in the score (rising when RecommendAtTen is the larger).
    /// </summary>
    /// <param name="score">The NPS answer, 0-10.</param>
    /// <returns>The probability, in (0, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0-10.</exception>
    public double RecommendationProbability(int score)
    {
        Preconditions.CheckInRange(score, 0, 10, nameof(score));
        double l10 = Logit(RecommendAtTen), l7 = Logit(RecommendAtSeven);
        double logit = l10 + ((score - 10) * (l10 - l7) / 3.0);
        return 1.0 / (1.0 + Math.Exp(-logit));
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double OpenShare(double value, string name)
        => value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a probability strictly between 0 and 1; was {value}.");
}
