/**
 * The local platform's knowledge base: help articles of a made-up retailer,
 * searched by `POST /search/kb`. Seeded into every business's database.
 */
export interface KbArticle {
  /** Stable id, also the last part of its url. */
  id: string;
  title: string;
  body: string;
}

export const KB_ARTICLES: readonly KbArticle[] = [
  { id: 'billing-double-charge', title: 'I was charged twice', body: 'A duplicate charge usually is a pending authorisation that drops off within three business days. If both charges settle, contact billing with the order number and we refund the duplicate charge to the original card within five days.' },
  { id: 'billing-refund-timing', title: 'When will I get my refund?', body: 'Refunds go back to the original payment method. Card refunds take five to ten business days to appear on the statement; gift card refunds are instant. You receive an email when the refund is issued.' },
  { id: 'billing-card-declined', title: 'My card was declined at renewal', body: 'A subscription renewal fails when the card has expired, the billing address does not match, or the bank blocks the payment. Update the card under Account, Billing, then retry the payment. We try a declined renewal again after three days.' },
  { id: 'billing-invoice-copy', title: 'Download an invoice or receipt', body: 'Every invoice is under Account, Orders. Choose the order and Download invoice to get a PDF with the VAT breakdown. Business customers can add a company name and tax number before downloading.' },
  { id: 'billing-annual-plan', title: 'Switch between monthly and annual billing', body: 'You can move from monthly to annual billing at any time; the annual plan saves two months. The unused part of the current month is credited on the first annual invoice.' },
  { id: 'billing-late-fee', title: 'Late payment fees', body: 'A late fee is added when an invoice stays unpaid for fourteen days. If you believe the fee is wrong, reply to the invoice email and billing reviews the dispute within two business days.' },
  { id: 'billing-price-mismatch', title: 'The invoice does not match the quoted price', body: 'Quotes are valid for thirty days. If the invoice total differs from the quote, send both documents to billing; we correct the invoice and refund any difference.' },
  { id: 'shipping-times', title: 'Delivery times and costs', body: 'Standard shipping takes three to five business days and is free over 50. Express shipping arrives the next business day when ordered before 2 pm. Delivery estimates appear at checkout.' },
  { id: 'shipping-late-delivery', title: 'My delivery is late', body: 'If tracking has not updated for three days or the parcel is more than five days late, we open a trace with the courier. When the courier cannot find the parcel we send a replacement or refund the order.' },
  { id: 'shipping-damaged-parcel', title: 'My parcel arrived damaged', body: 'Take a photo of the damaged parcel and its contents and send it within 48 hours. We ship a replacement at no cost; you do not need to return the damaged item.' },
  { id: 'shipping-change-address', title: 'Change the delivery address', body: 'The delivery address can be changed until the order is packed, usually within two hours of ordering. After dispatch, ask the courier to redirect the package with the tracking number.' },
  { id: 'shipping-not-received', title: 'Marked as delivered but not received', body: 'Check with neighbours and around the door, then wait one business day: couriers sometimes mark a parcel delivered early. If it still has not arrived, contact us and we open a claim with the courier.' },
  { id: 'shipping-international', title: 'International shipping and customs', body: 'We ship to forty countries. Customs duties and import taxes are shown at checkout and paid in advance, so the courier does not collect anything at the door.' },
  { id: 'returns-policy', title: 'Our returns policy', body: 'Return any unused item within 30 days of delivery for a full refund. Sale items can be exchanged within 14 days. The return window starts on the day the parcel is delivered.' },
  { id: 'returns-how-to', title: 'How to return an item', body: 'Start a return under Account, Orders, choose the items and print the prepaid return label. Drop the parcel at any post office; the refund is issued when the warehouse receives it.' },
  { id: 'returns-label', title: 'The return label will not print', body: 'If the return label does not print, open the return email on another device or choose a QR code instead: the post office prints the label for you.' },
  { id: 'returns-exchange', title: 'Exchange for another size or colour', body: 'Choose Exchange instead of Refund when you start the return. We reserve the new size or colour and ship it as soon as the courier scans your return.' },
  { id: 'returns-refund-missing', title: 'I returned an item but have no refund', body: 'The warehouse checks returns within five business days of arrival. Once checked, the refund takes five to ten business days to reach the card. Share the return tracking number if it has been longer.' },
  { id: 'account-password-reset', title: 'Reset your password', body: 'Choose Forgot password on the sign-in page and follow the link in the email. The link expires after one hour. If no email arrives, check the spam folder or ask support to resend it.' },
  { id: 'account-locked', title: 'My account is locked', body: 'After five wrong password attempts the account locks for thirty minutes to protect it. Wait, then reset the password; support can unlock it sooner after confirming your identity.' },
  { id: 'account-two-factor', title: 'Two-factor code not accepted', body: 'Two-factor codes depend on the phone clock: set the time to automatic and try a fresh code. Lost your phone? Use a backup code or ask support to reset two-factor after an identity check.' },
  { id: 'account-change-email', title: 'Change the email address on your account', body: 'Update the email under Account, Profile. We send a confirmation link to the new address; the change applies once you click it. Order history stays with the account.' },
  { id: 'account-close', title: 'Close your account and delete your data', body: 'You can close the account under Account, Privacy. We delete personal data within 30 days, except invoices we must keep for tax law. Open orders must be completed first.' },
  { id: 'account-mobile-login', title: 'Cannot sign in on the mobile app', body: 'Update the app to the latest version and sign in again. If the app still rejects the password, reset it on the website; the new password works in the app at once.' },
  { id: 'product-stock', title: 'When is an item back in stock?', body: 'Choose Notify me on the product page to get an email when the size or colour is back in stock. Most items are restocked within three weeks.' },
  { id: 'product-warranty', title: 'Warranty and repairs', body: 'Electronics carry a two-year warranty. If a device stops working, for example a battery that drains overnight, we repair or replace it; start a warranty claim with the order number.' },
  { id: 'product-setup', title: 'Setup instructions and manuals', body: 'Every product page links its setup instructions and manual as a PDF. Video guides for the blender, the coffee machine and the speakers are in the Help centre.' },
  { id: 'product-voltage', title: 'Using appliances abroad', body: 'Our kitchen appliances are made for 230 volt outlets. Using them with 110 volt outlets needs a voltage converter, not just a plug adapter, or the warranty does not apply.' },
  { id: 'loyalty-programme', title: 'Join the loyalty programme', body: 'Members earn one point per unit spent and get free express shipping. Join under Account, Loyalty; points never expire while the account is active.' },
  { id: 'gift-cards', title: 'Gift cards and balances', body: 'Check a gift card balance on the Gift cards page with the card number and PIN. Gift cards are valid for five years and can pay for part of an order.' },
  { id: 'contact-hours', title: 'Contact us and opening hours', body: 'Chat and phone support are open Monday to Friday from 8 am to 8 pm and on Saturday from 9 am to 5 pm. Email and the web form are answered within one business day.' },
];
