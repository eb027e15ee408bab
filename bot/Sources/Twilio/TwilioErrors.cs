namespace ChatOpsReply.Sources.Twilio;

/// <summary>
/// Twilio's error codes for texts that did not arrive, in words a support person can act on, and
/// whether sending the same text again could ever help (a switched-off phone may be on tomorrow; a
/// landline never takes texts).
/// </summary>
public static class TwilioErrors
{
    // Twilio: error 21610, the recipient replied STOP to this sender, twilio.com/docs/api/errors/21610
    public const string OptedOut = "21610";

    /// <summary>What an error code means, and whether a retry could help (false: the refusal is final).</summary>
    public static (string Words, bool MayRetry) Describe(string? code) => code switch
    {
        OptedOut => ("the customer has opted out of texts from this number (they replied STOP)", false),
        // Twilio: 21211 invalid 'To' phone number, twilio.com/docs/api/errors/21211
        "21211" => ("the customer's number is not a valid phone number", false),
        // Twilio: 21614 'To' number is not a valid mobile number, twilio.com/docs/api/errors/21614
        "21614" => ("the customer's number is not a mobile number", false),
        // Twilio: 21635 'To' number cannot be a landline, twilio.com/docs/api/errors/21635
        "21635" => ("the customer's number is a landline, which takes no texts", false),
        // Twilio: 21408 permission to send an SMS has not been enabled for the region, twilio.com/docs/api/errors/21408
        "21408" => ("the Twilio account may not text that country yet (enable it under Messaging geographic permissions)", true),
        // Twilio: 30003 unreachable destination handset: powered off, no signal, often passing, twilio.com/docs/api/errors/30003
        "30003" => ("the customer's phone could not be reached (switched off or out of coverage)", true),
        // Twilio: 30004 message blocked, by the recipient or their carrier, twilio.com/docs/api/errors/30004
        "30004" => ("the text was blocked by the customer or their carrier", false),
        // Twilio: 30005 unknown destination handset: the number does not exist, twilio.com/docs/api/errors/30005
        "30005" => ("the customer's number does not exist or is no longer in service", false),
        // Twilio: 30006 landline or unreachable carrier, twilio.com/docs/api/errors/30006
        "30006" => ("the customer's number is a landline or its carrier cannot be reached", false),
        // Twilio: 30007 message filtered by the carrier as unwanted, twilio.com/docs/api/errors/30007
        "30007" => ("the carrier filtered the text as unwanted (reword it before trying again)", true),
        // Twilio: 30008 unknown error from the carrier, twilio.com/docs/api/errors/30008
        "30008" => ("the carrier gave no reason", true),
        // Twilio: 30034 message from an unregistered US A2P 10DLC number, twilio.com/docs/api/errors/30034
        "30034" => ("the sending number is not registered for A2P 10DLC texting to US numbers", true),
        null or "" => ("Twilio gave no error code", true),
        _ => ("see the error on twilio.com/docs/api/errors", true),
    };
}
