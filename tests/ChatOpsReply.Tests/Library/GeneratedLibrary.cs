using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Tests.Library;

/// <summary>
/// A realistic answer library, the same every time: 40 customer-service topics for 25 products
/// (1,000 answers), then the same for named brands (for the 50,000 of the benchmark). Most are
/// approved, some drafts, a few retired; the legal topics are marked legal and approved by legal.
/// The benchmark project compiles this file too.
/// </summary>
public static class GeneratedLibrary
{
    public static readonly DateTimeOffset At = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<(string Key, string Name, string Category)> Products =
    [
        ("laptop", "laptop", "electronics"), ("phone", "phone", "electronics"), ("tablet", "tablet", "electronics"),
        ("headphones", "headphones", "electronics"), ("smartwatch", "smartwatch", "electronics"), ("camera", "camera", "electronics"),
        ("printer", "printer", "electronics"), ("monitor", "monitor", "electronics"), ("keyboard", "keyboard", "electronics"),
        ("router", "router", "electronics"), ("sofa", "sofa", "furniture"), ("mattress", "mattress", "furniture"),
        ("desk-chair", "desk chair", "furniture"), ("dining-table", "dining table", "furniture"), ("bookshelf", "bookshelf", "furniture"),
        ("running-shoes", "running shoes", "apparel"), ("winter-jacket", "winter jacket", "apparel"), ("backpack", "backpack", "apparel"),
        ("coffee-machine", "coffee machine", "kitchen"), ("blender", "blender", "kitchen"), ("vacuum-cleaner", "vacuum cleaner", "home"),
        ("air-fryer", "air fryer", "kitchen"), ("gift-card", "gift card", "vouchers"), ("e-bike", "e-bike", "mobility"), ("stroller", "stroller", "baby"),
    ];

    public static readonly IReadOnlyList<string> Brands =
    [
        "Acme", "Borealis", "Cobalt", "Dunmore", "Elara", "Fenwick", "Galloway", "Harbor", "Ivory", "Juniper", "Kestrel", "Lumen",
        "Meridian", "Northwind", "Orchid", "Pinnacle", "Quarry", "Riverton", "Sable", "Tamarack", "Umbra", "Vantage", "Willow",
        "Xenon", "Yarrow", "Zephyr", "Alder", "Birch", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Hazel", "Indigo", "Jasper",
        "Kite", "Linden", "Maple", "Nimbus", "Onyx", "Pebble", "Quill", "Raven", "Summit", "Thistle", "Upland", "Vesper", "Wren",
    ];

    /// <summary>Topic key, title (with {p} for the product), body, tags, queue, marked legal.</summary>
    public static readonly IReadOnlyList<(string Key, string Title, string Body, string[] Tags, string Queue, bool Legal)> Topics =
    [
        ("refund-damaged", "Refund for a damaged {p}", "Hi {customer.name}, I'm sorry your {p} arrived damaged. Send us a photo of the damage and the packaging, and we will refund the full price to your original payment method within 5 working days so you get your money back. {agent.name}", ["refund", "damaged"], "billing", false),
        ("replacement-damaged", "Replacement for a {p} that arrived broken", "Hi {customer.name}, a broken {p} is not the welcome we wanted for you. We will ship a replacement today at no cost and a courier will collect the broken one when it arrives. {agent.name}", ["replacement", "damaged"], "support", false),
        ("late-delivery", "Late delivery of a {p}", "Hi {customer.name}, your {p} is running late and I understand the wait is frustrating. The carrier now expects to deliver it within two working days, and I will keep an eye on the tracking for you. {agent.name}", ["delivery", "late"], "support", false),
        ("lost-parcel", "Lost parcel with a {p}", "Hi {customer.name}, the carrier has confirmed that the parcel with your {p} is lost. We are sending a new one by express shipping right away, or we can refund you if you prefer. {agent.name}", ["delivery", "lost"], "support", false),
        ("wrong-item", "Wrong item delivered instead of a {p}", "Hi {customer.name}, sorry that you received the wrong item instead of your {p}. Keep what arrived; we have sent the {p} you ordered and you will get a tracking link by email. {agent.name}", ["wrong item", "delivery"], "support", false),
        ("missing-parts", "Missing parts in a {p} order", "Hi {customer.name}, thanks for telling us that parts are missing from your {p}. Tell us which pieces are missing and we will post them free of charge within three days. {agent.name}", ["missing parts"], "support", false),
        ("return-label", "Return label for a {p}", "Hi {customer.name}, here is how to return your {p}: print the prepaid return label from your account page, pack the {p} in its box and drop it at any post office. {agent.name}", ["returns", "label"], "support", false),
        ("return-window", "Return window for a {p}", "Hi {customer.name}, you can return a {p} within 30 days of delivery, unused and in its original packaging. Once it reaches our warehouse we refund you within a week. {agent.name}", ["returns", "policy"], "support", false),
        ("warranty-claim", "Warranty claim for a {p}", "Hi {customer.name}, your {p} has a two-year warranty. Open a warranty claim with your order number and a short description of the fault and we will arrange a repair or a replacement. {agent.name}", ["warranty"], "support", false),
        ("repair-status", "Repair status of a {p}", "Hi {customer.name}, your {p} is at our repair centre. Repairs take about ten working days; I have asked the technicians for an update on yours and will get back to you. {agent.name}", ["repair"], "support", false),
        ("double-charge", "Charged twice for a {p}", "Hi {customer.name}, I can see you were charged twice for your {p}. The duplicate payment has been cancelled and the money will be back on your card within 3 to 5 working days. {agent.name}", ["payment", "charged twice"], "billing", false),
        ("invoice-copy", "Invoice copy for a {p} order", "Hi {customer.name}, you can download the invoice for your {p} order from your account under Orders. If you need it addressed to your company, send us the company name and VAT number. {agent.name}", ["invoice"], "billing", false),
        ("payment-failed", "Payment failed when buying a {p}", "Hi {customer.name}, sorry your payment for the {p} did not go through. Your card was not charged; please check the card details or try another payment method, and your basket is saved. {agent.name}", ["payment", "failed"], "billing", false),
        ("price-drop", "Price dropped after buying a {p}", "Hi {customer.name}, we price match within 14 days: the {p} is cheaper now, so we will refund the difference to your original payment method. {agent.name}", ["price match", "refund"], "billing", false),
        ("promo-code", "Promo code not working on a {p}", "Hi {customer.name}, some promo codes exclude the {p}, and each code works once per customer. Send me the code and I will check it and apply the discount by hand if it should work. {agent.name}", ["promo code", "discount"], "billing", false),
        ("installment-plan", "Paying for a {p} in installments", "Hi {customer.name}, you can pay for a {p} in 3, 6 or 12 monthly installments at checkout, with no interest on the 3 month plan. {agent.name}", ["payment", "installments"], "billing", false),
        ("cancel-order", "Cancel an order for a {p}", "Hi {customer.name}, I have cancelled your order for the {p}. As it had not shipped yet, the full amount is released to your card within a few days. {agent.name}", ["cancel", "order"], "support", false),
        ("change-address", "Change the delivery address of a {p} order", "Hi {customer.name}, I can change the delivery address of your {p} order until it ships. Send me the new address in a private message and I will update it. {agent.name}", ["address", "delivery"], "support", false),
        ("out-of-stock", "{P} out of stock", "Hi {customer.name}, the {p} is out of stock at the moment. We expect new stock in about two weeks; sign up for the back in stock alert on the product page and we will email you. {agent.name}", ["stock"], "support", false),
        ("preorder", "Pre-order of a {p}", "Hi {customer.name}, your pre-order for the {p} is confirmed. We only charge your card when the {p} ships on launch day, and you can cancel the pre-order any time before. {agent.name}", ["preorder"], "support", false),
        ("click-collect", "Collecting a {p} in store", "Hi {customer.name}, your {p} is ready to collect in store. Bring your order confirmation and a photo ID; we keep click and collect orders for seven days. {agent.name}", ["click and collect", "store"], "support", false),
        ("international-shipping", "Shipping a {p} abroad", "Hi {customer.name}, we ship the {p} to most countries in Europe and North America. International shipping takes 5 to 10 days and import duties are paid on delivery. {agent.name}", ["shipping", "international"], "support", false),
        ("assembly-service", "Assembly service for a {p}", "Hi {customer.name}, our assembly service can put your {p} together at home. Book a slot at checkout or from your order page; our fitters bring their own tools. {agent.name}", ["assembly"], "support", false),
        ("user-manual", "User manual for a {p}", "Hi {customer.name}, the user manual for your {p} is on the product page under Downloads as a PDF, and the quick start guide is in the box. {agent.name}", ["manual"], "support", false),
        ("setup-help", "Setting up a new {p}", "Hi {customer.name}, to set up your new {p}, charge it fully, then follow the setup steps in the quick start guide. If it does not pair or connect, restart it and try once more. {agent.name}", ["setup"], "support", false),
        ("firmware-update", "Software update for a {p}", "Hi {customer.name}, a software update for the {p} fixes the issue you describe. Open the settings, choose Update, and keep the {p} plugged in while it installs. {agent.name}", ["software", "update"], "support", false),
        ("battery-problem", "Battery problems with a {p}", "Hi {customer.name}, a battery that drains quickly or swells is not normal for a {p}. Stop using it and charging it, and we will replace the battery under warranty. {agent.name}", ["battery"], "support", false),
        ("noise-complaint", "Strange noise from a {p}", "Hi {customer.name}, a rattling or buzzing noise from your {p} usually means a loose part. Please send a short video of the noise so our technicians can tell whether it needs a repair. {agent.name}", ["noise", "fault"], "support", false),
        ("recall-notice", "Safety recall of a {p}", "Hi {customer.name}, there is a voluntary safety recall of some {p} batches. Check the batch number on the label; if yours is affected, stop using it and we will collect it and refund you in full. {agent.name}", ["recall", "safety"], "support", false),
        ("allergy-materials", "Materials used in a {p}", "Hi {customer.name}, the {p} contains no latex or nickel, and the full list of materials is on the product page. If you have an allergy, our team can send the safety data sheet. {agent.name}", ["materials", "allergy"], "support", false),
        ("size-guide", "Choosing the right size of {p}", "Hi {customer.name}, our size guide for the {p} compares measurements across brands. If the size is not right, exchanges are free within 30 days. {agent.name}", ["size guide"], "support", false),
        ("trade-in", "Trading in an old {p}", "Hi {customer.name}, you can trade in your old {p} for store credit. Get a quote online, send it with the free label, and the credit is added once we have checked it. {agent.name}", ["trade-in"], "support", false),
        ("gift-wrap", "Gift wrapping a {p}", "Hi {customer.name}, we can gift wrap your {p} for free and add a personal message. Choose gift wrapping at checkout; the invoice is not included in the parcel. {agent.name}", ["gift"], "support", false),
        ("review-response", "Thanks for reviewing a {p}", "Hi {customer.name}, thank you for the kind review of your {p}! It made our day, and I have shared your feedback with the product team. {agent.name}", ["review", "feedback"], "support", false),
        ("complaint-escalation", "Complaint about a {p} escalated to a manager", "Hi {customer.name}, I'm sorry we let you down with your {p}. I have escalated your complaint to a manager, who will call you within one working day. {agent.name}", ["complaint", "escalation"], "support", false),
        ("legal-threat", "Customer mentions a lawyer about a {p}", "Hi {customer.name}, we take your concerns about the {p} seriously. Our customer relations team will contact you by email today; please send us your case details there rather than here before any legal action or lawsuit. {agent.name}", ["legal", "lawyer"], "support", true),
        ("data-request", "Personal data request after buying a {p}", "Hi {customer.name}, you have the right under GDPR to a copy of the personal data we hold since you bought your {p}. Send your request from your account page and we answer within 30 days. {agent.name}", ["gdpr", "privacy", "legal"], "support", true),
        ("insurance", "Insurance cover for a {p}", "Hi {customer.name}, you can add accidental damage insurance to a {p} within 30 days of purchase. It covers drops, spills and theft for two years. {agent.name}", ["insurance"], "billing", false),
        ("rental", "Renting a {p} instead of buying", "Hi {customer.name}, you can rent a {p} by the month, with free maintenance and the option to buy it later. Cancel the rental with one month's notice. {agent.name}", ["rental"], "billing", false),
        ("student-discount", "Student discount on a {p}", "Hi {customer.name}, students get 10% off a {p} after verifying their student status once. The discount is then applied at checkout automatically. {agent.name}", ["discount", "student"], "billing", false),
    ];

    /// <summary>The id of the answer for a topic and a product (no brand).</summary>
    public static string IdOf(string topic, string product) => $"{topic}-{product}";

    public static IReadOnlyList<CannedAnswer> Answers(int count) => [.. Enumerable.Range(0, count).Select(Answer)];

    public static CannedAnswer Answer(int n)
    {
        var t = n % Topics.Count;
        var p = n / Topics.Count % Products.Count;
        var b = n / (Topics.Count * Products.Count);
        var topic = Topics[t];
        var product = Products[p];
        var name = b == 0 ? product.Name : $"{Brands[(b - 1) % Brands.Count]} {product.Name}";
        var status = (t + (4 * p) + b) % 13 == 6 ? AnswerStatus.Draft : ((2 * t) + p + b) % 29 == 2 ? AnswerStatus.Retired : AnswerStatus.Approved;
        var title = topic.Title.Replace("{p}", name, StringComparison.Ordinal).Replace("{P}", char.ToUpperInvariant(name[0]) + name[1..], StringComparison.Ordinal);
        return new CannedAnswer
        {
            Id = b == 0 ? IdOf(topic.Key, product.Key) : $"{IdOf(topic.Key, product.Key)}-{b}",
            Version = 1,
            Title = title,
            Body = topic.Body.Replace("{p}", name, StringComparison.Ordinal),
            Tags = [.. topic.Tags, product.Category],
            Queues = [topic.Queue],
            Status = status,
            NeedsLegal = topic.Legal,
            LegalApproval = topic.Legal && status == AnswerStatus.Approved ? new LegalApproval("lena", At) : null,
            ApprovedBy = status == AnswerStatus.Approved ? (topic.Legal ? "lena" : "dan") : null,
            ApprovedAt = status == AnswerStatus.Approved ? At : null,
            Owner = "dan",
            ChangedBy = "dan",
            ChangedAt = At,
            Change = "imported",
        };
    }

    /// <summary>What people type, typos and half-words included, and the answer they are after.</summary>
    public static readonly IReadOnlyList<(string Query, string Expected)> LabelledQueries =
    [
        ("refund damaged laptop", IdOf("refund-damaged", "laptop")),
        ("laptop arrived damaged i want my money back", IdOf("refund-damaged", "laptop")),
        ("refnud for damagd sofa", IdOf("refund-damaged", "sofa")),
        ("refu dama print", IdOf("refund-damaged", "printer")),
        ("my headphones arrived broken need a replacement", IdOf("replacement-damaged", "headphones")),
        ("air fryer arrived broken replacement", IdOf("replacement-damaged", "air-fryer")),
        ("where is my matress delivery late", IdOf("late-delivery", "mattress")),
        ("late delivery coffee machine", IdOf("late-delivery", "coffee-machine")),
        ("lost parcel e-bike", IdOf("lost-parcel", "e-bike")),
        ("parcel lost gift card", IdOf("lost-parcel", "gift-card")),
        ("wrong item delivere backpa", IdOf("wrong-item", "backpack")),
        ("got the wrong item instead of a router", IdOf("wrong-item", "router")),
        ("missing parts desk cha", IdOf("missing-parts", "desk-chair")),
        ("retur label keyb", IdOf("return-label", "keyboard")),
        ("return label for tablet", IdOf("return-label", "tablet")),
        ("retrun window for a matress", IdOf("return-window", "mattress")),
        ("how many days to return running shoes", IdOf("return-window", "running-shoes")),
        ("warranty claim for my headphnes", IdOf("warranty-claim", "headphones")),
        ("warr clai came", IdOf("warranty-claim", "camera")),
        ("repai statu vacu", IdOf("repair-status", "vacuum-cleaner")),
        ("charged twice coffee machine", IdOf("double-charge", "coffee-machine")),
        ("chraged twice for the monitor", IdOf("double-charge", "monitor")),
        ("invoice copy printer", IdOf("invoice-copy", "printer")),
        ("invoice for my vacuum cleaner order", IdOf("invoice-copy", "vacuum-cleaner")),
        ("payment faild tablet", IdOf("payment-failed", "tablet")),
        ("price drop smartwatch refund difference", IdOf("price-drop", "smartwatch")),
        ("price match monitor", IdOf("price-drop", "monitor")),
        ("promo code not working backpack", IdOf("promo-code", "backpack")),
        ("pay in installments e-bike", IdOf("installment-plan", "e-bike")),
        ("instalments for a sofa", IdOf("installment-plan", "sofa")),
        ("cancel order dining table", IdOf("cancel-order", "dining-table")),
        ("cancel my order for the blender", IdOf("cancel-order", "blender")),
        ("change delivery adress bookshelf", IdOf("change-address", "bookshelf")),
        ("when is the air fryer back in stock", IdOf("out-of-stock", "air-fryer")),
        ("preorder camera", IdOf("preorder", "camera")),
        ("collect in store desk chair", IdOf("click-collect", "desk-chair")),
        ("collecting my stroller in store", IdOf("click-collect", "stroller")),
        ("ship monitor abroad", IdOf("international-shipping", "monitor")),
        ("assembly service sofa", IdOf("assembly-service", "sofa")),
        ("user manual router", IdOf("user-manual", "router")),
        ("set up new phone", IdOf("setup-help", "phone")),
        ("software update smartwatch", IdOf("firmware-update", "smartwatch")),
        ("batery drains fast laptop", IdOf("battery-problem", "laptop")),
        ("tablet battery swelling", IdOf("battery-problem", "tablet")),
        ("vacuum cleaner strange noise", IdOf("noise-complaint", "vacuum-cleaner")),
        ("my coffe machine makes a strange noise", IdOf("noise-complaint", "coffee-machine")),
        ("safety recall stroller", IdOf("recall-notice", "stroller")),
        ("recall e-bike safety", IdOf("recall-notice", "e-bike")),
        ("what materials winter jacket allergy", IdOf("allergy-materials", "winter-jacket")),
        ("size guide running shoes", IdOf("size-guide", "running-shoes")),
        ("trade in old tablet", IdOf("trade-in", "tablet")),
        ("trade-in phone", IdOf("trade-in", "phone")),
        ("gift wrap headphones", IdOf("gift-wrap", "headphones")),
        ("thanks for the review blender", IdOf("review-response", "blender")),
        ("escalate complaint mattress manager", IdOf("complaint-escalation", "mattress")),
        ("lawyer camera", IdOf("legal-threat", "camera")),
        ("lawsuit about a dining table", IdOf("legal-threat", "dining-table")),
        ("gdpr data request keyboard", IdOf("data-request", "keyboard")),
        ("insurance cover phone", IdOf("insurance", "phone")),
        ("rent an e-bike", IdOf("rental", "e-bike")),
        ("student discount laptop", IdOf("student-discount", "laptop")),
        ("studnet discount on headphones", IdOf("student-discount", "headphones")),
    ];
}
