namespace Payments.Core.Payments;

/// <summary>Where a dispute (chargeback) of a payment stands; stored by name.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DisputeStatus>))]
public enum DisputeStatus
{
    /// <summary>The issuer charged the payment back: the funds are withdrawn and the merchant may contest.</summary>
    Open,

    /// <summary>The merchant contested (a re-presentment was submitted): the issuer decides.</summary>
    UnderReview,

    /// <summary>Won: the chargeback failed, or the re-presentment succeeded.</summary>
    Won,

    /// <summary>Lost: the chargeback went through, or the re-presentment failed.</summary>
    Lost,
}
