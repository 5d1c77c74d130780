/** English. Names, addresses, program names and staff's reasons stay Japanese: pages mark them lang="ja". */
import { type ResidentMessages } from "./ja";

const TIME_ZONE = "Asia/Tokyo";
const date = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, year: "numeric", month: "long", day: "numeric" });
const dateTime = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
// Birth dates are calendar dates without a time zone ("YYYY-MM-DD"): formatted as UTC midnight.
const birthDateFormat = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });
const monthDay = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, month: "long", day: "numeric" });
const points = (value: number) => `${value.toLocaleString("en-US")} points`;

const en: ResidentMessages = {
  common: {
    appName: "Town Hall on LINE",
    languageNav: "Language",
    backToMenu: "Back to menu",
    step: (step, of) => `Step ${step} of ${of}`,
    date: (value) => date.format(value),
    dateTime: (value) => dateTime.format(value),
    points,
  },
  home: {
    hello: (name) => `Hello, ${name}.`,
    menuLabel: "Menu",
    menu: {
      benefit: { title: "Price-relief grant", description: "Apply for the points grant" },
      apply: { title: "Online applications", description: "Request certificates and pay fees" },
      booking: { title: "Bookings", description: "Book a checkup or a facility" },
      topics: { title: "Message topics", description: "Choose which notices you receive" },
    },
    jpkiLink: "Verify your identity with your My Number card",
    scenarios: {
      ok: "Identity check: succeeds",
      user_cancelled: "Identity check: cancelled",
      card_locked: "Identity check: card locked",
      information_differs: "Identity check: address differs",
    },
  },
  signIn: {
    genericError: "Could not connect. Please try again.",
    retry: "Try again",
    checking: "Checking your LINE account…",
    timedOut: "We could not check your LINE account. Please check your connection and try again.",
    pickerTitle: "Developer: open as which resident?",
    pickerNote: "liff-mock and the simulators stand in for LINE.",
  },
  jpki: {
    title: "Verify with your My Number card",
    metaTitle: "Identity check",
    intro: "We read your name, address, date of birth and sex from your My Number card with your smartphone. Your 12-digit number is never used.",
    results: {
      verified: "Identity confirmed.",
      user_cancelled: "You cancelled the check. You can try again.",
      card_locked: "Your My Number card is locked. Please have it unlocked at the town hall counter.",
      expired_request: "This took too long. Please start again.",
      unknown_request: "This check has already finished, or is not valid.",
      session: "Please open this page again from LINE.",
      rate_limited: "Please wait a moment and try again.",
    },
    failed: "Verification failed. Please try again.",
    fields: { name: "Name", address: "Address", birthdate: "Date of birth", gender: "Sex" },
    gender: { male: "Male", female: "Female" },
    start: "Start verification",
  },
  notYetOnline: {
    body: "This service is not available on LINE yet.",
    booking: { title: "Bookings", alternative: "Please book checkups and facilities by phone or at the town hall counter." },
    apply: { title: "Online applications", alternative: "Please request certificates and other documents at the town hall counter." },
    topics: { title: "Message topics", alternative: "For now, you receive all notices." },
  },
  benefit: {
    list: {
      title: "Price-relief grant",
      metaTitle: "Price-relief grant",
      none: "No grant is open for applications on LINE now.",
      summary: (pointsPerPerson, closesAt) => `${points(pointsPerPerson)} per household member. Apply by ${date.format(closesAt)}.`,
      apply: "Apply",
      seeStatus: "See your applications",
    },
    intro: {
      subtitle: "Before you apply",
      pointsToHead: (pointsPerPerson) => `${points(pointsPerPerson)} per household member go to the head of the household.`,
      headOnly: "Only the head of the household applies, once for the whole household. Family members do not apply separately.",
      prepareCard: "Have your My Number card and its 4-digit PIN ready.",
      start: "Start",
    },
    reference: {
      title: "Reference code from the letter (optional)",
      metaTitle: "Reference code",
      intro: "If the letter from the town hall shows a reference code (照会番号), enter it. If not, press “Continue without a code”.",
      label: "Reference code (e.g. 4KQ7-2HTM-W9XA)",
      next: "Next",
      skip: "Continue without a code",
      errors: {
        length: "A reference code has 12 characters. Please check it again.",
        format: "The code contains a character that reference codes do not use. Please check it again.",
        check_digit: "This reference code is not correct. Please check it again.",
      },
      withoutCard: {
        title: "Reference code and the head of household's date of birth",
        intro: "For this grant, you apply with the reference code (照会番号) on the letter from the town hall and the date of birth of the head of household. No My Number card is needed.",
        birthDate: "Head of household's date of birth",
        year: "Year",
        month: "Month",
        day: "Day",
        yearOption: (year: number): string => String(year),
        errors: {
          required: "Please enter the reference code from your letter.",
          birth_date: "Please choose the year, month and day of the head of household's birth.",
        },
        mismatch: "The reference code or the date of birth does not match the register. Please check the code on your letter and the head of household's date of birth.",
      },
    },
    identity: {
      title: "Confirm who you are with your My Number card",
      metaTitle: "Identity check",
      results: {
        user_cancelled: "You cancelled the check. You can try again.",
        card_locked: "Your My Number card is locked. The town hall counter can unlock it, and you can also apply there.",
        expired_request: "This took too long. Please try again.",
      },
      intro: "Hold the card to the back of your smartphone. We use only your name, address, date of birth and sex — never your 12-digit number.",
      start: "Start verification",
    },
    confirm: {
      title: "Check your details",
      reenter: "Re-enter the reference code",
      noMatch: "We could not find a household matching your My Number card on the register. If you have moved recently, please apply at the counter.",
      notHead: (headName) =>
        `Only the head of the household${headName ? ` (${headName})` : ""} can apply for this grant. Please ask them to apply on their LINE, or come to the counter.`,
      referenceMismatch: "The reference code does not belong to your household. Please check the code on your letter, or continue without it.",
      retryIdentity: "Verify again with another card",
      readyIntro: "If everything is correct, press “Apply with these details”.",
      address: "Address",
      members: "Household members",
      memberDetails: (birthDate, isHead) => ` (born ${birthDateFormat.format(new Date(`${birthDate}T00:00:00Z`))}${isHead ? ", head of household" : ""})`,
      points: "Points you will receive",
      breakdown: (members, pointsPerPerson) => `${members} ${members === 1 ? "person" : "people"} × ${points(pointsPerPerson)}`,
    },
    submit: {
      apply: "Apply with these details",
      sending: "Sending…",
      failed: "The application could not be sent. Please try again.",
      network: "Network error. Please try again where the signal is better.",
      received: "Application received.",
      receiptNumber: "Receipt number",
      willNotify: "We will tell you on LINE when the review is done.",
      seeStatus: "See your applications",
    },
    status: {
      title: "Your applications",
      verificationFailed: "Verification failed. Please try again.",
      none: "No applications yet.",
      receiptNumber: "Receipt number",
      statuses: {
        submitted: "Received, under review",
        returned: "Returned for correction",
        approved: "Approved, points coming soon",
        granted: "Points granted",
        rejected: "Rejected",
        withdrawn: "Withdrawn",
        closed_duplicate: "Closed as a duplicate",
      },
      needsFix: "Correction needed:",
      verifyAgain: "Please verify your identity again, then resubmit.",
      verifyAndResubmit: "Verify and resubmit",
      history: "History",
      aside: (text) => ` (${text})`,
      systemReasons: {
        resident_resubmitted: "corrected and sent again",
        resident_withdrew: "withdrawn by you",
        counter_resubmitted: "sent again at the counter after an ID check",
      },
    },
    statusAction: {
      resubmit: "Resubmit",
      withdraw: "Withdraw this application",
      withdrawConfirm: "Withdraw this application?",
      failed: "That did not work. Please try again.",
    },
  },
  counter: {
    before: "Counter: ",
    after: "",
    hours: "Opening hours",
    phone: "Phone",
    bring: "Please bring an ID such as a driver's license.",
    askCounter: "If you have questions, please ask at the town hall counter.",
  },
  errors: {
    closed: {
      not_open: "This grant is not taking applications now.",
      not_started: "Applications for this grant have not opened yet.",
      ended: "The application period for this grant has ended.",
      line_not_accepted: "This grant cannot be applied for on LINE. Please apply at the town hall counter.",
      counter_not_accepted: "This grant cannot be applied for at the counter.",
    },
    alreadyFiled: (submittedAt, channel) =>
      `This household already applied ${channel === "line" ? "through LINE" : "at the town hall counter"} on ${monthDay.format(submittedAt)}. A household can apply only once.`,
    unauthenticated: "Please open this page again from LINE.",
    rate_limited: "Too many requests in a short time. Please wait a moment and try again.",
    invalid: "Something in the request was not right. Please go back and try again.",
    sign_in_rejected: "We could not confirm your LINE account. Please open this page again from the LINE app.",
    sign_in_unavailable: "LINE cannot be reached right now. Please try again later.",
    program_not_found: "This grant was not found. Please choose it again from the menu.",
    cannot_file_as_shown: "You cannot apply with these details. Please go back and read the guidance.",
    household_filed: "This household has already applied. Please check your application status.",
    filing_not_found: "The application was not found. Please open your application status again.",
    not_returned: "This application was not sent back for corrections. Please open your application status again.",
    reverify_identity: "Please verify your identity with your My Number card again, then resubmit.",
    identity_not_head: "The verified identity does not match the head of household in the town's records. Please ask at the town hall counter.",
    cannot_withdraw: "This application can no longer be withdrawn. Please ask at the town hall counter.",
    already_withdrawn: "This application has already been withdrawn.",
    verification_missing: "We could not find a valid identity check; it may have expired. Please verify your identity again.",
    unknown_action: "That did not work. Please reload the page and try again.",
  },
};

export default en;
