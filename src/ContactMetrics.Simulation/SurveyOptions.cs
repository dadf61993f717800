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

    /// <summary>Standard deviation of the CES answer's own noise, in CES points; at least 0. Default 0.8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double CesNoiseSd { get; init => field = Preconditions.CheckNonNegative(value, nameof(CesNoiseSd)); } = 0.8;
}
