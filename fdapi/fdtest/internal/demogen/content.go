package main

import "time"

// kind is what one conversation in a thread is.
type kind int

const (
	kCust     kind = iota // customer e-mail/portal reply (source 0, incoming, category 1)
	kAgent                // agent public reply (source 0, category 3)
	kNote                 // private note (source 2, category 2)
	kPubNote              // public note (source 2, private false)
	kFwd                  // agent forwards the thread to a third party (source 8)
	kFwdReply             // the third party answers the forward (category 6)
	kCC                   // a cc'd colleague of the requester replies (incoming)
	kSurvey               // survey feedback (source 6, category 7)
)

// step is one conversation of a scripted thread.
type step struct {
	k    kind
	text string
	by   string        // agent or contact e-mail when not the default person
	att  []string      // attachment file names
	gap  time.Duration // wait before this step; 0 picks a realistic gap
}

// topic is a support story: the customer's first message and a full
// resolution path. Non-verbatim topics are cut or extended per ticket.
type topic struct {
	lang, subject, typ, group, product, cat, sub string
	open                                         string
	openAtt                                      []string
	story                                        []step // a1, c1, a2, c2 for generated threads
	verbatim                                     bool   // use story exactly (outbound and special tickets)
	tags                                         []string
	order                                        bool // fill cf_order_number
}

func a(text string, att ...string) step { return step{k: kAgent, text: text, att: att} }
func c(text string, att ...string) step { return step{k: kCust, text: text, att: att} }
func n(text string) step                { return step{k: kNote, text: text} }

func topicsEN() []topic {
	return []topic{
		{lang: "en", subject: "Can't log in after password reset", typ: "Incident", group: "tech", product: "Acme Console", cat: "Account", sub: "Login & Password",
			open: "Hi,\n\nI reset my password this morning using the \"Forgot password\" link, but now the console keeps saying \"Invalid credentials\" with the new password. I tried twice in a private window. Can you help? I need to approve a deployment today.",
			story: []step{
				a("Sorry about the trouble. Password resets invalidate all existing sessions, and a browser extension that autofills the old password is the most common cause of this.\n\nCould you try once more in a private window, typing the password by hand, and tell me the exact time of the failed attempt? Then I can check our auth logs."),
				c("Tried again at 10:42 typing it manually, same error. Screenshot attached.", "login-error.png"),
				a("Thanks, the logs showed the reset link had been opened twice, so the second link invalidated the first password. I've cleared the lockout on your account; please use the reset link I've just sent and sign in within 15 minutes.\n\nSee also our article \"How to reset your password\"."),
				c("That worked, I'm in. Thank you!"),
			}},
		{lang: "en", subject: "Where do I find my API key?", typ: "Question", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "API",
			open: "Hello, we're building an internal integration and the docs say to use an API key with Basic auth. Where exactly do I find the key in the console? I can only see OAuth apps.",
			story: []step{
				a("Hi! Your personal API key is under your profile: click your avatar (top right) → Profile settings → \"View API key\". You'll be asked to confirm with your password or 2FA.\n\nUse it as the username in Basic auth, with any password (for example X). Please keep it secret: it has the same permissions as your user."),
				c("Found it, thanks. Is there a way to have a key that is not tied to my personal user? If I leave the company the integration would break."),
				a("Good thinking. The recommended way is to create a dedicated \"integration\" agent user with only the permissions it needs and use that user's key. That user counts as a seat on Growth, but it's free on Pro and Enterprise (one service user included)."),
				c("Perfect, we'll do that. Thanks for the quick help."),
			}},
		{lang: "en", subject: "Getting 429 Too Many Requests from the API", typ: "Problem", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "API",
			open: "Since Monday our nightly sync job fails with HTTP 429 after a few minutes. We're on the Growth plan. Response body is {\"message\":\"You have exceeded the limit of requests per minute\"}. Nothing changed on our side as far as I know.",
			story: []step{
				a("Thanks for reporting this. The Growth plan allows 200 requests per minute for the whole account, shared by every integration and by webhooks that call back into the API. The 429 response carries a Retry-After header with the number of seconds to wait.\n\nCould you check whether another integration started running at the same time as your sync job?"),
				c("You're right, our marketing team installed a reporting add-on last week that polls every minute. Both run at 01:00.", "sync-job.log"),
				a("That explains it. Two options:\n- honour Retry-After and back off (the sync will just take longer), or\n- move to Pro, which allows 400 per minute.\nAlso check the X-RateLimit-Remaining header on each response to pace the job before hitting the limit."),
				c("We've added backoff and moved the job to 03:00. No more 429s last night. Thanks!"),
			}},
		{lang: "en", subject: "Webhook deliveries failing with timeout", typ: "Incident", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "Webhooks",
			open: "Our webhook endpoint stopped receiving events around 14:00 UTC. The delivery log in the console shows \"timeout after 10s\" for every attempt. Our endpoint is up and responds in under 200ms when we curl it.",
			story: []step{
				a("Thanks for the details. Webhook requests come from our published egress IP ranges, which changed last week (announced on the status page). If your firewall allow-lists our old ranges, requests would hang and time out exactly like this.\n\nCould you check your firewall or WAF logs for blocked connections?"),
				c("That was it, the WAF still had the old ranges. Updated now. Will the failed events be retried?"),
				a("Yes. Failed deliveries are retried with exponential backoff for 24 hours, so everything since 14:00 will arrive over the next hour. You can also replay them manually from the delivery log."),
				c("All events arrived. Thanks for the fast help."),
			}, order: false},
		{lang: "en", subject: "Charged twice for October invoice", typ: "Refund", group: "billing", product: "Acme Console", cat: "Billing", sub: "Invoices",
			open: "Hi billing team,\n\nOur credit card statement shows two charges of $1,240.00 on October 1 for invoice INV-2026-10-4471. Please refund the duplicate.", openAtt: []string{"card-statement-oct.pdf"},
			story: []step{
				a("Thank you for letting us know, and sorry for the trouble. I can see two payment attempts: the first one was reported as failed by the card processor but was captured anyway. I've issued a refund of $1,240.00 for the duplicate charge.\n\nRefunds usually appear on your statement within 5-10 business days."),
				c("Thanks. Can you send a confirmation for our accounting?"),
				a("Of course, the refund confirmation (REF-2026-10-0932) is attached. Let me know if you need anything else.", "refund-confirmation-REF-2026-10-0932.pdf"),
				c("Received, thank you Marcus."),
			}, order: true},
		{lang: "en", subject: "Refund for unused seats", typ: "Refund", group: "billing", product: "Acme Console", cat: "Billing", sub: "Refunds",
			open: "We bought 25 seats on the annual plan in August but only ever activated 18. Can we get a refund for the 7 unused seats?",
			story: []step{
				a("Thanks for reaching out. Under our refund policy, annual plans can reduce seats at any time, and unused seats are credited pro rata to your account balance (not refunded to the card) except within the first 30 days of purchase.\n\nWould you like me to reduce the plan to 18 seats and apply the credit?"),
				c("Credit is fine, please go ahead and reduce to 18."),
				a("Done: the plan now has 18 seats and a credit of $1,016.40 has been applied. It will be used on your next invoices automatically."),
				c("Great, thanks for sorting this out."),
			}, order: true},
		{lang: "en", subject: "Upgrade from Growth to Pro mid-cycle: how is it prorated?", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Plan Changes",
			open: "We're thinking of upgrading from Growth to Pro next week (mostly for the higher API limit). We're on monthly billing and our cycle renews on the 12th. How will the charge work?",
			story: []step{
				a("Happy to explain. When you upgrade mid-cycle we charge the price difference for the remaining days of the current cycle right away, and the next invoice is the full Pro price. The API limit goes from 200 to 400 requests per minute immediately after the upgrade."),
				c("Makes sense. Do we keep our current discount code?"),
				a("Yes, the 10% partner discount applies to Pro as well. I've noted it on your account so it carries over automatically."),
				c("Thanks, we'll upgrade on Monday."),
			}},
		{lang: "en", subject: "SAML SSO: users get \"Invalid audience\" error", typ: "Problem", group: "tech", product: "Acme Console", cat: "Account", sub: "SSO",
			open: "We're setting up SAML SSO with our identity provider. The test login fails with \"SAML response invalid: Invalid audience\". We copied the Entity ID from the SSO settings page.", openAtt: []string{"saml-response.xml"},
			story: []step{
				a("Thanks for attaching the SAML response. The Audience in it is https://acmecloud.example.com, but your account's SP Entity ID is https://acmecloud.example.com/saml/metadata/northwind (the full URL, including the account slug).\n\nPlease update the Audience / SP Entity ID in your IdP and try again."),
				c("Changed it, now we get \"Signature validation failed\"."),
				a("That usually means the certificate uploaded in Acme Cloud is not the one your IdP signs with (IdPs often rotate and keep two). Please download the current signing certificate from the IdP metadata and upload it again under Settings → Security → SSO."),
				c("Uploaded the new cert and SSO works now. Thanks!"),
			}},
		{lang: "en", subject: "Export all project data to CSV", typ: "Question", group: "tech", product: "Acme Analytics", cat: "Technical", sub: "Data Export",
			open: "Is there a way to export all our projects and their usage history to CSV? We need it for an internal audit.",
			story: []step{
				a("Yes. Go to Settings → Data → Export, choose \"Projects and usage\", the date range, and CSV. The export runs in the background and you get an e-mail with a download link (valid for 7 days) when it's ready.\n\nLarge accounts can also use the Exports API to automate this."),
				c("The export finished but the usage file only covers the last 12 months."),
				a("Right, the self-service export is limited to 12 months. I've asked our data team to run a full-history export for you; it will be shared in this ticket as a secure link within two business days."),
				c("Got the full export, thanks a lot."),
			}},
		{lang: "en", subject: "Dashboard very slow since yesterday", typ: "Incident", group: "tech", product: "Acme Analytics", cat: "Technical", sub: "Performance",
			open: "The analytics dashboard takes 30+ seconds to load since yesterday afternoon. Other pages are fine. We have about 40 widgets on the main dashboard.",
			story: []step{
				a("Thanks for reporting. We deployed a change to the query engine yesterday at 15:00 UTC and are seeing slower loads for dashboards with many widgets. Engineering is working on it.\n\nAs a workaround, splitting the dashboard into two tabs loads each tab's widgets separately."),
				c("OK, we'll wait. Please let us know when it's fixed."),
				a("The fix has been deployed. Dashboard load times are back to normal on our side; could you confirm?"),
				c("Confirmed, loads in 3 seconds again."),
			}},
		{lang: "en", subject: "Add 15 more seats before our launch", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Plan Changes",
			open: "We're onboarding a new team next Monday and need 15 more seats. Can you add them and send a quote first? Our finance needs a PO before any charge.",
			story: []step{
				a("Of course. Attached is a quote for 15 additional seats on your current annual plan, prorated to your renewal date. Once you send us the PO number I'll add the seats.", "quote-Q-2026-1187.pdf"),
				c("PO number is PO-88231. Please go ahead."),
				a("The 15 seats have been added (40 seats in total now). The invoice referencing PO-88231 will be sent to your billing contact today."),
				c("Thank you!"),
			}, order: true},
		{lang: "en", subject: "Invite link expired for new team member", typ: "Question", group: "onboarding", product: "Acme Console", cat: "Account", sub: "Users & Permissions",
			open: "I invited a new colleague two weeks ago but she says the invite link is expired. How do I resend it?",
			story: []step{
				a("Invitations expire after 7 days. Go to Settings → Team, find the pending invite and click \"Resend invitation\"; a fresh link valid for another 7 days is sent immediately."),
				c("I don't see a Resend button, only Revoke."),
				a("Ah, the Resend button only shows for account admins. I've resent the invitation from our side; your colleague should have it now."),
				c("She's in. Thanks!"),
			}},
		{lang: "en", subject: "Feature request: dark mode for the console", typ: "Feature Request", group: "onboarding", product: "Acme Console", cat: "Product Feedback", sub: "Feature Request",
			open: "Any plans for a dark mode? Our on-call engineers use the console at night and the white background is painful.",
			story: []step{
				a("Thanks for the suggestion! Dark mode is on our roadmap and currently in design. I've added your vote and your use case (night-time on-call) to the feature request."),
				c("Great, is there a beta we could join?"),
				a("Yes, a beta is planned for next quarter. I've added your account to the beta list, and you'll get an e-mail when it opens."),
				c("Awesome, thanks."),
			}},
		{lang: "en", subject: "Migrating 2 TB from our old storage provider", typ: "Question", group: "onboarding", product: "Acme Storage", cat: "Onboarding", sub: "Migration",
			open: "We're moving about 2 TB of objects (around 14 million files) from our previous provider. What's the recommended way, and will the transfer count against any limits?",
			story: []step{
				a("Welcome aboard! For this size we recommend our Transfer Service: it copies directly from your old provider's S3-compatible endpoint, runs in parallel, and doesn't count against your API rate limit. Ingress is free.\n\nI can schedule a 30-minute kickoff call to set it up together. Does Thursday 16:00 UTC work?"),
				c("Thursday works. Please send an invite to me and our DevOps engineer."),
				a("Invite sent. Summary after the call: transfer job created, first 500 GB copied overnight, full sync expected by Sunday, final delta sync before the DNS switch."),
				c("Everything is migrated and verified. Thanks for the smooth process."),
			}},
		{lang: "en", subject: "Need a W-9 and updated invoice address", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Invoices",
			open: "Hello, our accounts payable team needs a signed W-9 from Acme Cloud. Also, our billing address changed to 500 Harbor Blvd, Suite 12, Seattle, WA 98101. Please update future invoices.",
			story: []step{
				a("Hi, the W-9 is attached. I've updated the billing address; it will appear on invoices from the next billing cycle. Would you also like the last invoice reissued with the new address?", "AcmeCloud-W9-2026.pdf"),
				c("Yes please reissue the November invoice."),
				a("Reissued invoice attached.", "INV-2026-11-5120-reissued.pdf"),
				c("Thanks, all good."),
			}},
		{lang: "en", subject: "API returns 401 even with a new key", typ: "Problem", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "API",
			open: "Every call returns 401 {\"code\":\"invalid_credentials\"}. I regenerated the API key twice. I'm sending it as a Bearer token.",
			story: []step{
				a("The API uses HTTP Basic auth, not Bearer tokens: send the API key as the username and any string (e.g. X) as the password, i.e. the header Authorization: Basic base64(\"YOUR_KEY:X\"). Also note regenerating the key invalidates the previous one immediately."),
				c("Switched to Basic and it works. The docs example uses Bearer though."),
				a("You're right, one code sample on the authentication page was wrong. I've reported it to our docs team and it's fixed now. Thanks for pointing it out!"),
				c("Thanks!"),
			}},
		{lang: "en", subject: "Bucket shows 0 bytes after upload", typ: "Incident", group: "tech", product: "Acme Storage", cat: "Technical", sub: "Bug",
			open: "Uploaded ~300 files to bucket 'reports-prod' via the console. Upload said success, but the bucket size shows 0 bytes and listing returns nothing.", openAtt: []string{"bucket-empty.png"},
			story: []step{
				a("Thanks for the screenshot. Bucket size is computed asynchronously and can lag by up to an hour, but an empty listing is unexpected. Could you share the request ID shown in the upload summary?"),
				c("Request ID: 7f3c2a91-5d1e-4b8e-9a0c-2f6d8e1b4c55."),
				a("We found it: the uploads went to the 'reports-prod' bucket in the eu-west region, while the console was showing us-east. Your files are all there. We're fixing the console so it shows the region you uploaded to."),
				c("Found them, thanks."),
			}},
		{lang: "en", subject: "Onboarding session for our analysts", typ: "Question", group: "onboarding", product: "Acme Analytics", cat: "Onboarding", sub: "Training",
			open: "We have 12 analysts starting on Acme Analytics next week. Do you offer a training session?",
			story: []step{
				a("Yes! Pro and Enterprise plans include two live training sessions. I can offer Tuesday 15:00 UTC or Wednesday 17:00 UTC (60 minutes, recorded)."),
				c("Wednesday please."),
				a("Booked for Wednesday 17:00 UTC; calendar invite and the recording link will follow. Slides from the session are attached.", "acme-analytics-training.pdf"),
				c("The session was great, thanks!"),
			}},
		{lang: "en", subject: "Card declined on renewal", typ: "Incident", group: "billing", product: "Acme Console", cat: "Billing", sub: "Payment Failure",
			open: "We got an e-mail that our renewal payment failed. The card is valid and has enough balance. What happened?",
			story: []step{
				a("The processor returned \"do_not_honor\", which comes from the issuing bank, often when a charge from abroad is flagged. Please ask your bank to allow charges from ACME CLOUD INC, then click \"Retry payment\" under Billing. Your account stays active for 14 days during the retry period."),
				c("Bank approved it, retried and it went through."),
				a("Confirmed, the invoice is now paid. Thanks for sorting it out so quickly."),
				c("Thanks!"),
			}, order: true},
		{lang: "en", subject: "How do satisfaction surveys work via the API?", typ: "Question", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "API",
			open: "We'd like to pull CSAT ratings into our BI tool. Is there an API for survey results, and can we filter by date?",
			story: []step{
				a("Yes: satisfaction ratings can be read via the API, per ticket or for the whole account, with created_since to filter by date. Each rating has the ticket, the agent, the group, the feedback text and the ratings per question.\n\nOur article \"Satisfaction surveys via the API\" has examples."),
				c("Does reading ratings count against the rate limit?"),
				a("Yes, each call costs one request like any other API call. For a nightly BI import that's negligible: 100 ratings per page."),
				c("Clear, thanks."),
			}},
		{lang: "en", subject: "Webhook signature verification fails", typ: "Problem", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "Webhooks",
			open: "We verify the X-Acme-Signature header with HMAC-SHA256 and our webhook secret, but the comparison fails for every event.",
			story: []step{
				a("The signature is computed over the raw request body bytes. Frameworks that parse and re-serialise JSON before verification change whitespace and key order, which breaks the HMAC. Could you check you're hashing the raw body?"),
				c("That was it. Express' json() middleware was parsing it first."),
				a("Great! Using express.raw() for the webhook route is the usual fix. I'll close this ticket; reply anytime to reopen."),
				c("Works now, thanks."),
			}},
		{lang: "en", subject: "Remove former employee's access", typ: "Question", group: "onboarding", product: "Acme Console", cat: "Account", sub: "Users & Permissions",
			open: "An employee left yesterday. Please make sure he has no access anymore and transfer his projects to me.",
			story: []step{
				a("For security we can only act on a request from an account admin, which you are, so that's fine. Could you confirm the user's e-mail address?"),
				c("It's the user ending in .brown at our domain, he was the only Brown."),
				a("Done: the user is deactivated, his API key is revoked and his 6 projects are transferred to you."),
				c("Thanks for the quick turnaround."),
			}},
		{lang: "en", subject: "Lost my phone, locked out by 2FA", typ: "Incident", group: "tech", product: "Acme Console", cat: "Account", sub: "Login & Password",
			open: "I lost my phone and can't get 2FA codes. I don't have my recovery codes either. Please help, I'm the only admin.",
			story: []step{
				a("Sorry to hear that. To reset 2FA for an admin we need to verify your identity: please reply from your registered e-mail with the last 4 digits of the card on file and the date of your last invoice."),
				c("Card ends 4417, last invoice was November 1."),
				a("Thank you, verified. 2FA has been reset; you'll be asked to enrol a new device at next login. Please store the new recovery codes safely this time."),
				c("I'm back in. Much appreciated."),
			}},
		{lang: "en", subject: "Scheduled export missing rows", typ: "Problem", group: "tech", product: "Acme Analytics", cat: "Technical", sub: "Data Export",
			open: "Our daily scheduled export has around 2% fewer rows than the dashboard shows for the same day.",
			story: []step{
				a("Thanks. Scheduled exports run at 00:15 UTC, and events that arrive late (up to 2 hours for some SDKs) are not included. The dashboard includes them. Could you compare with an export run manually a few hours later?"),
				c("Manual export matches the dashboard. Can the schedule be moved?"),
				a("Yes, I've moved your scheduled export to 03:00 UTC, which covers late events."),
				c("Numbers match now, thanks."),
			}},
		{lang: "en", subject: "Docs: pagination example is wrong", typ: "Problem", group: "tech", product: "Acme API Gateway", cat: "Product Feedback", sub: "Documentation",
			open: "The pagination example in the API reference uses ?offset=, but the API ignores it. It seems to only support page and per_page.",
			story: []step{
				a("You're right, the API uses page and per_page (max 100), and the Link header gives the next page URL. The offset example is left over from an old version. Thanks for catching it; I've reported it to the docs team."),
				c("Thanks. Also per_page=200 returns a 400."),
				a("That's expected: per_page is capped at 100. The docs page now says so too."),
				c("Good, thanks."),
			}},
		{lang: "en", subject: "Compute instances stuck in provisioning", typ: "Incident", group: "escalations", product: "Acme Compute", cat: "Technical", sub: "Performance",
			open: "URGENT: all new instances in us-east have been stuck in \"provisioning\" for 40 minutes. Our autoscaling can't add capacity and our checkout is degraded.",
			story: []step{
				a("We're on it. We've confirmed a provisioning backlog in us-east and declared an incident (see status page). Existing instances are not affected. I'll update you every 30 minutes."),
				c("Any ETA? We're losing orders."),
				a("The backlog is cleared and new instances provision normally again. Root cause: a failed scheduler deploy. We'll publish a post-incident report within 5 business days and add it to this ticket."),
				c("Capacity is back. Please do send the report."),
			}},
		{lang: "en", subject: "Cancel our subscription at end of term", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Plan Changes",
			open: "We've decided not to renew. Please cancel our subscription at the end of the current term and tell us how to export our data before then.",
			story: []step{
				a("Sorry to see you go. I've scheduled the cancellation for the end of your term; the account stays fully usable until then. To export your data, use Settings → Data → Export; after cancellation data is kept for 30 days, then deleted.\n\nMay I ask what made you decide not to renew? It helps us improve."),
				c("Mostly budget. The product is fine."),
				a("Understood, thank you for the feedback. If it helps, our Growth plan may fit your current usage at a lower price. Otherwise the cancellation stays as scheduled."),
				c("We'll stick with cancelling for now, thanks."),
			}},
		{lang: "en", subject: "New billing page is confusing", typ: "Feature Request", group: "billing", product: "Acme Console", cat: "Product Feedback", sub: "UI",
			open: "The new billing page hides the invoice download behind three clicks. Please bring back the download button in the invoice list.",
			story: []step{
				a("Thanks for the feedback! I've shared it with the product team. For now, the quickest way is Billing → Invoices → ⋯ → Download PDF."),
				c("OK, thanks."),
				a("Good news: the download button is back in the invoice list as of today's release."),
				c("Nice, thanks for listening."),
			}},
	}
}

// outboundTopics are agent-initiated tickets (source 10): description by the agent.
func outboundTopics() []topic {
	return []topic{
		{lang: "en", subject: "Action required: your card on file expires this month", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Payment Failure", verbatim: true,
			open: "Hello,\n\nThe credit card we have on file for your Acme Cloud subscription expires at the end of this month. To avoid any interruption, please update it under Billing → Payment methods before your next renewal.\n\nIf you'd prefer to pay by invoice, just reply to this e-mail.",
			story: []step{
				c("Thanks for the heads-up. Can we switch to invoice payment with 30-day terms?"),
				a("Yes, that's possible on annual plans. I've switched your account to invoice payment (net 30). The card will no longer be charged."),
				c("Great, thank you."),
			}},
		{lang: "en", subject: "Your API usage is close to the Growth plan limit", typ: "Question", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "API", verbatim: true,
			open: "Hi,\n\nWe noticed your account hit the Growth plan's limit of 200 API requests per minute several times this week (mostly between 01:00 and 01:15 UTC). When the limit is reached the API answers 429 with a Retry-After header.\n\nWe're happy to review your integration with you or to discuss the Pro plan (400 requests per minute).",
			story: []step{
				c("Thanks, we didn't know. Which integration is generating most of the traffic?"),
				a("Most calls come from the user \"reporting-addon\" polling /api/v2/tickets every minute. Switching it to webhooks would remove most of that traffic."),
			}},
		{lang: "en", subject: "Welcome to Acme Cloud: let's schedule your onboarding call", typ: "Question", group: "onboarding", product: "Acme Console", cat: "Onboarding", sub: "Setup", verbatim: true,
			open: "Hi and welcome to Acme Cloud!\n\nI'm your onboarding contact. Could you pick a 45-minute slot for a kickoff call next week? We'll cover SSO, team invitations, API keys and data import.",
			story: []step{
				c("Thanks! Tuesday 14:00 UTC works for us."),
				a("Booked. Invitation sent, talk to you on Tuesday!"),
			}},
	}
}

// fill holds the generic middle-of-thread messages for one language.
type fill struct {
	cust, agent, notes, vendorNotes, chase []step
}

func fillEN() fill {
	return fill{
		cust: []step{
			c("Thanks for the quick reply. I tried that, but the problem is still there, same error as before."),
			c("Quick update: it worked for a couple of hours and then started failing again. Logs attached.", "app-log-excerpt.txt"),
			c("Sorry for the delay, I was out of office. Yes, that's correct. Anything else you need from us?"),
			c("Here is the screenshot you asked for.", "screenshot.png"),
			c("Any news on this? Our team is blocked until this is fixed."),
			c("We tested on a second machine and see the same behaviour, so it's not the browser."),
		},
		agent: []step{
			a("Thanks for the details. I've passed this to our engineering team and will update you as soon as I hear back."),
			a("Could you send us the request ID (the X-Request-Id response header) of one of the failing calls, and the approximate time in UTC?"),
			a("Engineering has identified the cause and a fix is being rolled out today. I'll confirm here once it's live."),
			a("Just checking in: is this still happening on your side?"),
			a("Thanks for your patience. We've reproduced the issue internally and are working on it."),
		},
		notes: []step{
			n("Checked the logs: customer's requests are hitting the edge in eu-west. Nothing unusual besides the errors they describe."),
			n("Customer is on an annual plan, renewal next month. Let's handle this with priority."),
			n("Reproduced on staging. Filed ENG-4821 with the request IDs."),
			n("Looping in Tom for visibility, the customer mentioned evaluating alternatives."),
			n("Known issue, see incident INC-2291. Linking this ticket to the tracker."),
		},
		vendorNotes: []step{
			n("Waiting on the payment processor's risk team; they promised an answer within 2 business days."),
			n("Raised with our CDN provider (case #CF-558812). Status set to Waiting on Third Party."),
			n("Identity provider's support is investigating their metadata endpoint. Waiting on them."),
		},
		chase: []step{
			a("Could you please confirm the workspace name and the e-mail address of the affected user, so I can look into it?"),
			a("To move forward we need a HAR file of the failing page load. Instructions: https://support.acmecloud.example.com/a/solutions/articles/har-files"),
			a("Following up on my previous message: could you let us know whether the suggested change helped? If we don't hear back in 5 days this ticket will be closed automatically."),
		},
	}
}
