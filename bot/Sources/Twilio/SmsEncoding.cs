namespace ChatOpsReply.Sources.Twilio;

public enum SmsEncoding
{
    /// <summary>The GSM 03.38 alphabet, 7 bits a character.</summary>
    Gsm7,

    /// <summary>16 bits a unit, for any text with a character outside GSM 03.38.</summary>
    Ucs2,
}
