// SPDX-License-Identifier: GPL-3.0-or-later
// The booking page in a real browser (Debian's chromium, driven by
// playwright-core; accessibility by axe-core), against a real frontdeskd.
//   node booking.js book URL OUT        books a room end to end; prints CODE and the manage link
//   node booking.js manage LINK OUT     opens the guest's link, changes, cancels
//   node booking.js embed PAGE OUT      the widget by a script tag in a page of the hotel's site
//   node booking.js foreign PAGE OUT    ... in a page of a site not in public-origins
//   node booking.js iframe PAGE OUT     the page in an <iframe> of the hotel's site
//   node booking.js iframe-foreign PAGE OUT   ... of a site not in public-origins
//   node booking.js chain PAGE OUT      a chain's server (several hotels): the page's hotel
//                                       (?hotel= or data-hotel) searches and books; prints
//                                       OFFERS (the types offered), CODE, or ALERT (the error)
// Screenshots of each step go to OUT. Exit 77 (skip) only when chromium
// cannot start; any other problem fails.
"use strict";
const path = require("path");
const fs = require("fs");
const tools = process.env.NPM_TOOLS;
const { chromium } = require(path.join(tools, "node_modules", "playwright-core"));
const axeSource = fs.readFileSync(path.join(tools, "node_modules", "axe-core", "axe.min.js"), "utf8");

const [mode, target, out] = process.argv.slice(2);
let failures = 0;
function check(what, ok, detail) {
	if (ok) console.log("ok: " + what);
	else {
		console.log("FAIL: " + what + (detail ? ": " + detail : ""));
		failures++;
	}
}

// axe on the page as it is: no serious or critical WCAG 2.1 A/AA problem.
async function axe(page, step) {
	await page.addScriptTag({ content: axeSource });
	const res = await page.evaluate(() =>
		window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
	const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
	check("axe: no serious or critical violations on " + step, bad.length === 0,
		bad.map((v) => v.id + " (" + v.impact + "): " + v.nodes.map((n) => n.target.join(" ")).join(", ")).join("; "));
	const minor = res.violations.filter((v) => !bad.includes(v));
	if (minor.length) console.log("note: axe minor on " + step + ": " + minor.map((v) => v.id).join(", "));
}

let shot = 0;
async function screenshot(page, name) {
	shot++;
	await page.screenshot({ path: path.join(out, mode + "-" + shot + "-" + name + ".png"), fullPage: true });
}

async function book(page) {
	await page.goto(target + "/book/?lang=de");
	await page.waitForSelector("#fdb-arrive");
	check("the page speaks German", (await page.textContent("h1")) === "Zimmer buchen");
	check("the page's language is set", (await page.getAttribute("html", "lang")) === "de");
	await axe(page, "dates");
	await screenshot(page, "dates");
	// an impossible stay: the server's error is shown on the field
	await page.fill("#fdb-arrive", "2026-03-12");
	await page.fill("#fdb-depart", "2026-03-10");
	await page.click("button[type=submit]");
	await page.waitForSelector("#fdb-depart[aria-invalid=true]");
	check("a departure before arrival is marked on the field", (await page.textContent("#fdb-depart-error")).length > 0);
	check("the error is announced (role=alert)", (await page.textContent("[role=alert]")).includes("Abreise"));
	check("the wrong field has the focus", await page.evaluate(() => document.activeElement.id === "fdb-depart"));
	await axe(page, "dates with an error");
	await page.fill("#fdb-depart", "2026-03-12");
	await page.fill("#fdb-arrive", "2026-03-10");
	await page.fill("#fdb-adults", "2");
	await page.click("button[type=submit]");
	await page.waitForSelector(".fdb-offer");
	const offers = await page.$$eval(".fdb-offer h3", (hs) => hs.map((x) => x.textContent));
	check("offers for two: the double and the suite", offers.length === 2 && offers[0].startsWith("Double"), offers.join("|"));
	const price = await page.textContent(".fdb-offer .fdb-price");
	check("money in the guest's locale (de: 180,00 €)", price.replace(/\s/g, " ") === "180,00 €", price);
	check("the heading of the step has the focus", await page.evaluate(() => document.activeElement.id === "fdb-step"));
	await axe(page, "offers");
	await screenshot(page, "offers");
	await page.click(".fdb-offer button");
	await page.waitForSelector("#fdb-family");
	await page.click("button[type=submit]");
	await page.waitForSelector("#fdb-family[aria-invalid=true]");
	check("a missing name is announced", (await page.textContent("[role=alert]")).includes("Nachname"));
	await axe(page, "details with an error");
	await screenshot(page, "details-error");
	await page.fill("#fdb-family", "Weber");
	await page.fill("#fdb-given", "Jörg");
	await page.fill("#fdb-email", "joerg@example.com");
	await page.fill("#fdb-country", "de");
	await page.fill("#fdb-requests", "Ein ruhiges Zimmer");
	await page.fill("#fdb-arrival_time", "15:30");
	await screenshot(page, "details");
	await page.click("button[type=submit]");
	await page.waitForSelector(".fdb-code");
	const code = (await page.textContent(".fdb-code")).trim();
	check("a confirmation code", /^[A-Z0-9]{6}$/.test(code), code);
	await axe(page, "confirmation");
	await screenshot(page, "confirmation");
	const link = await page.getAttribute("#fdb-manage", "href");
	check("a link to the guest's booking", /manage\.html\?lang=de#t=[A-Za-z0-9_-]{43}$/.test(link), link);
	console.log("CODE " + code);
	console.log("LINK " + link);
}

async function manage(page) {
	await page.goto(target.replace("lang=de", "lang=en"));
	await page.waitForSelector("#fdb-status");
	check("the link opens the booking", (await page.textContent("#fdb-status")) === "Confirmed");
	check("the fee is shown before cancelling", (await page.textContent("main")).includes("Cancellation fee: €0.00"));
	await axe(page, "manage");
	await screenshot(page, "manage");
	await page.fill("#fdb-arrival_time", "21:00");
	await page.click("form button[type=submit]");
	await page.waitForSelector("text=Your changes are saved.");
	check("the arrival time is changed", (await page.inputValue("#fdb-arrival_time")) === "21:00");
	const download = page.waitForEvent("download");
	await page.click("#fdb-download");
	const file = await download;
	const pdf = path.join(out, "confirmation.pdf");
	await file.saveAs(pdf);
	check("the confirmation downloads as a PDF", fs.readFileSync(pdf).slice(0, 4).toString() === "%PDF");
	await page.click("text=Cancel booking");
	await page.waitForSelector("text=Yes, cancel it");
	check("cancelling asks first", await page.evaluate(() => document.activeElement.textContent === "Yes, cancel it"));
	await axe(page, "cancel question");
	await screenshot(page, "cancel-question");
	await page.click("text=Yes, cancel it");
	await page.waitForSelector("text=Your booking is cancelled.");
	check("cancelled", (await page.textContent("#fdb-status")) === "Cancelled");
	await axe(page, "cancelled");
	await screenshot(page, "cancelled");
	// a link that does not open anything says what to do
	await page.goto(target.replace(/#t=.*/, "#t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
	await page.waitForSelector(".fdb-alert");
	check("a wrong link says to ask the hotel", (await page.textContent(".fdb-alert")).includes("ask the hotel"));
	await axe(page, "wrong link");
	await screenshot(page, "wrong-link");
}

// The widget in another site's page (a script tag): it calls the server
// across origins, which CORS allows for the hotel's sites only.
async function embed(page, allowed) {
	await page.goto(target);
	await page.waitForSelector("#fdb-arrive");
	check("the widget renders in the site's page, in French", (await page.textContent("#frontdesk-booking h1")) === "Réserver une chambre");
	check("the site's own page is kept", (await page.textContent("body > main > h1")) === "Hôtel Exemple");
	await page.fill("#fdb-arrive", "2026-03-10");
	await page.fill("#fdb-depart", "2026-03-12");
	await page.fill("#fdb-adults", "2");
	await page.click("#frontdesk-booking button[type=submit]");
	if (allowed) {
		await page.waitForSelector(".fdb-offer");
		const price = await page.textContent(".fdb-offer .fdb-price");
		check("offers across origins, money in French (180,00 €)", price.replace(/\s/g, " ") === "180,00 €", price);
		await axe(page, "the embedded widget");
		await screenshot(page, "embedded");
	} else {
		await page.waitForSelector(".fdb-alert");
		check("a site not listed gets no offers (CORS refused)", (await page.$$(".fdb-offer")).length === 0);
		await screenshot(page, "foreign-site");
	}
}

// The page itself in an <iframe> of another site: the server's
// Content-Security-Policy (frame-ancestors) lets the hotel's sites frame it
// and no other.
async function iframe(page, allowed) {
	await page.goto(target);
	await page.waitForLoadState("load"); // the frame's document included
	const el = await page.waitForSelector("iframe");
	const frame = await el.contentFrame();
	if (allowed) {
		await frame.waitForSelector("#fdb-arrive");
		check("the booking page in the hotel's iframe", (await frame.$$("#fdb-arrive")).length === 1);
		await screenshot(page, "iframe");
	} else {
		check("a site not listed cannot frame the page", !frame || (await frame.$$("#fdb-arrive")).length === 0);
		await screenshot(page, "iframe-foreign-site");
	}
}

// A page for one hotel of a chain: the offers it shows are that hotel's,
// and the first is booked.
async function chain(page) {
	await page.goto(target);
	await page.waitForSelector("#fdb-arrive");
	await page.fill("#fdb-arrive", "2026-03-10");
	await page.fill("#fdb-depart", "2026-03-12");
	await page.fill("#fdb-adults", "2");
	await page.click("#frontdesk-booking button[type=submit]");
	await page.waitForSelector(".fdb-offer, .fdb-alert");
	if (!(await page.$$(".fdb-offer")).length) {
		console.log("ALERT " + (await page.textContent(".fdb-alert")).trim());
		await screenshot(page, "chain-alert");
		return;
	}
	const offers = await page.$$eval(".fdb-offer h3", (hs) => hs.map((x) => x.textContent.trim()));
	console.log("OFFERS " + offers.join("|"));
	await screenshot(page, "chain-offers");
	await page.click(".fdb-offer button");
	await page.waitForSelector("#fdb-family");
	await page.fill("#fdb-family", "Costa");
	await page.fill("#fdb-email", "costa@example.com");
	await page.click("#frontdesk-booking button[type=submit]");
	await page.waitForSelector(".fdb-code");
	console.log("CODE " + (await page.textContent(".fdb-code")).trim());
	await screenshot(page, "chain-booked");
}

(async () => {
	let browser;
	try {
		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
			args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
		});
	} catch (e) {
		console.log("SKIP: chromium cannot start: " + String(e.message).split("\n")[0]);
		process.exit(77);
	}
	try {
		const context = await browser.newContext({ locale: "en-GB", acceptDownloads: true });
		const page = await context.newPage();
		page.setDefaultTimeout(15000);
		page.on("pageerror", (e) => check("no script error", false, e.message));
		if (mode === "book") await book(page);
		else if (mode === "embed" || mode === "foreign") await embed(page, mode === "embed");
		else if (mode === "iframe" || mode === "iframe-foreign") await iframe(page, mode === "iframe");
		else if (mode === "chain") await chain(page);
		else await manage(page);
	} catch (e) {
		check("the flow ran", false, e.stack);
	} finally {
		await browser.close();
	}
	process.exit(failures ? 1 : 0);
})();
