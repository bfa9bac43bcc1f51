// SPDX-License-Identifier: GPL-3.0-or-later
// The booking page of frontdeskd (/book/): dates -> offers -> details ->
// confirmation, and the guest's own booking behind the mailed link
// (manage.html#t=TOKEN). Plain DOM, no framework. It talks to the server it
// was loaded from (the script's own address), so a hotel's website can
// embed it with <div id="frontdesk-booking"></div><script src=".../book/book.js">.
// Text in de, en, es, fr, pt; money and dates in the guest's locale (Intl).
(function () {
	"use strict";
	var script = document.currentScript;
	var base = new URL(".", script ? script.src : location.href);
	var api = base.origin + "/v1/public";
	var root = document.getElementById("frontdesk-booking") || document.querySelector("[data-frontdesk-booking]");
	if (!root) return;
	// Which hotel of a chain (one server holding several, on PostgreSQL):
	// data-hotel="CODE" on the root element or the script tag, else the
	// page's own ?hotel=CODE. Searches and bookings name it; the manage
	// page's link needs none (its token belongs to one booking of one hotel).
	var hotel = root.getAttribute("data-hotel") || (script && script.getAttribute("data-hotel")) ||
		new URLSearchParams(location.search).get("hotel") || "";
	function withHotel(path) {
		return hotel ? path + (path.indexOf("?") < 0 ? "?" : "&") + "hotel=" + encodeURIComponent(hotel) : path;
	}
	root.classList.add("fdb");
	if (!document.querySelector("link[data-fdb-css]") && !document.querySelector('link[href$="book.css"]')) {
		var css = document.createElement("link");
		css.rel = "stylesheet";
		css.href = new URL("book.css", base).href;
		css.setAttribute("data-fdb-css", "");
		document.head.appendChild(css);
	}

	var T = {
		en: {
			title: "Book a room", manage_title: "Your booking", language: "Language",
			arrive: "Arrival", depart: "Departure", adults: "Adults", children: "Children",
			search: "Show rooms", searching: "Looking for free rooms…",
			offers: "Rooms for your stay", n_offers_one: "One room available for your stay.", n_offers_other: "{n} rooms available for your stay.",
			none: "Nothing is free for these dates. Please try other dates.",
			nights_one: "{n} night", nights_other: "{n} nights", per_night: "{price} a night", total: "Total",
			room_only: "Room only", included: "Included", inc_breakfast: "breakfast", inc_halfboard: "half board", choose: "Choose {name}", change_dates: "Change dates",
			free_until: "Free cancellation until {date}.", non_refundable: "Non-refundable.", fee_after: "Cancelling later costs {fee}.", no_deposit: "No deposit: you pay at the hotel.",
			left: "Only {n} left", details: "Your details", family: "Family name", given: "Given name",
			email: "E-mail", email_hint: "Your confirmation and the link to your booking are sent here.",
			phone: "Phone", country: "Country", country_hint: "Two letters, for example PT",
			arrival_time: "Arrival time", requests: "Requests", optional: "(optional)",
			book: "Book now", booking: "Booking…", back: "Back",
			done: "Your booking is confirmed", code: "Booking code",
			sent: "We have sent the confirmation to {email}, with a link to see, change or cancel your booking.",
			manage_link: "See or change your booking",
			err_summary: "Please correct the marked fields.", err_required: "Please fill in {label}.",
			err_invalid: "Please check {label}.", err_network: "The hotel's booking service cannot be reached. Please try again.",
			sold_out: "This room has just been sold. Please choose another.",
			stay: "Stay", guests: "Guests", room: "Room", status: "Status",
			st_reserved: "Confirmed", st_cancelled: "Cancelled", st_checked_in: "Checked in",
			st_checked_out: "Checked out", st_no_show: "No-show",
			save: "Save changes", saved: "Your changes are saved.",
			download: "Download the confirmation (PDF)", cancel_title: "Cancel your booking",
			cancel_fee: "Cancellation fee: {fee}.",
			cancel_btn: "Cancel booking", cancel_confirm: "Do you really want to cancel booking {code}?",
			cancel_yes: "Yes, cancel it", cancel_no: "No, keep it", cancelled: "Your booking is cancelled.",
			cannot_cancel: "It can no longer be cancelled online: please call the hotel.",
			no_link: "This page opens with the link in your confirmation e-mail. If you cannot find it, ask the hotel to send it again."
		},
		de: {
			title: "Zimmer buchen", manage_title: "Ihre Buchung", language: "Sprache",
			arrive: "Anreise", depart: "Abreise", adults: "Erwachsene", children: "Kinder",
			search: "Zimmer anzeigen", searching: "Freie Zimmer werden gesucht…",
			offers: "Zimmer für Ihren Aufenthalt", n_offers_one: "Ein Zimmer für Ihren Aufenthalt verfügbar.", n_offers_other: "{n} Zimmer für Ihren Aufenthalt verfügbar.",
			none: "Für diese Daten ist nichts frei. Bitte wählen Sie andere Daten.",
			nights_one: "{n} Nacht", nights_other: "{n} Nächte", per_night: "{price} pro Nacht", total: "Gesamt",
			room_only: "Nur Übernachtung", included: "Inklusive", inc_breakfast: "Frühstück", inc_halfboard: "Halbpension", choose: "{name} wählen", change_dates: "Daten ändern",
			free_until: "Kostenlose Stornierung bis {date}.", non_refundable: "Nicht erstattbar.", fee_after: "Eine spätere Stornierung kostet {fee}.", no_deposit: "Keine Anzahlung: Sie zahlen im Hotel.",
			left: "Nur noch {n} frei", details: "Ihre Angaben", family: "Nachname", given: "Vorname",
			email: "E-Mail", email_hint: "Hierhin senden wir die Bestätigung und den Link zu Ihrer Buchung.",
			phone: "Telefon", country: "Land", country_hint: "Zwei Buchstaben, zum Beispiel DE",
			arrival_time: "Ankunftszeit", requests: "Wünsche", optional: "(optional)",
			book: "Jetzt buchen", booking: "Buchung läuft…", back: "Zurück",
			done: "Ihre Buchung ist bestätigt", code: "Buchungsnummer",
			sent: "Wir haben die Bestätigung an {email} gesendet, mit einem Link, um Ihre Buchung anzusehen, zu ändern oder zu stornieren.",
			manage_link: "Buchung ansehen oder ändern",
			err_summary: "Bitte korrigieren Sie die markierten Felder.", err_required: "Bitte füllen Sie {label} aus.",
			err_invalid: "Bitte prüfen Sie {label}.", err_network: "Der Buchungsdienst des Hotels ist nicht erreichbar. Bitte versuchen Sie es erneut.",
			sold_out: "Dieses Zimmer wurde gerade verkauft. Bitte wählen Sie ein anderes.",
			stay: "Aufenthalt", guests: "Gäste", room: "Zimmer", status: "Status",
			st_reserved: "Bestätigt", st_cancelled: "Storniert", st_checked_in: "Eingecheckt",
			st_checked_out: "Ausgecheckt", st_no_show: "Nicht erschienen",
			save: "Änderungen speichern", saved: "Ihre Änderungen sind gespeichert.",
			download: "Bestätigung herunterladen (PDF)", cancel_title: "Buchung stornieren",
			cancel_fee: "Stornogebühr: {fee}.",
			cancel_btn: "Buchung stornieren", cancel_confirm: "Möchten Sie die Buchung {code} wirklich stornieren?",
			cancel_yes: "Ja, stornieren", cancel_no: "Nein, behalten", cancelled: "Ihre Buchung ist storniert.",
			cannot_cancel: "Eine Online-Stornierung ist nicht mehr möglich: Bitte rufen Sie das Hotel an.",
			no_link: "Diese Seite öffnet sich mit dem Link aus Ihrer Bestätigungs-E-Mail. Wenn Sie ihn nicht finden, bitten Sie das Hotel, ihn erneut zu senden."
		},
		es: {
			title: "Reservar una habitación", manage_title: "Su reserva", language: "Idioma",
			arrive: "Llegada", depart: "Salida", adults: "Adultos", children: "Niños",
			search: "Ver habitaciones", searching: "Buscando habitaciones libres…",
			offers: "Habitaciones para su estancia", n_offers_one: "Una habitación disponible para su estancia.", n_offers_other: "{n} habitaciones disponibles para su estancia.",
			none: "No hay nada libre en estas fechas. Pruebe otras fechas.",
			nights_one: "{n} noche", nights_other: "{n} noches", per_night: "{price} por noche", total: "Total",
			room_only: "Solo alojamiento", included: "Incluido", inc_breakfast: "desayuno", inc_halfboard: "media pensión", choose: "Elegir {name}", change_dates: "Cambiar fechas",
			free_until: "Cancelación gratuita hasta el {date}.", non_refundable: "No reembolsable.", fee_after: "Cancelar más tarde cuesta {fee}.", no_deposit: "Sin depósito: paga en el hotel.",
			left: "Solo quedan {n}", details: "Sus datos", family: "Apellidos", given: "Nombre",
			email: "Correo electrónico", email_hint: "Aquí enviamos la confirmación y el enlace a su reserva.",
			phone: "Teléfono", country: "País", country_hint: "Dos letras, por ejemplo ES",
			arrival_time: "Hora de llegada", requests: "Peticiones", optional: "(opcional)",
			book: "Reservar ahora", booking: "Reservando…", back: "Volver",
			done: "Su reserva está confirmada", code: "Código de reserva",
			sent: "Hemos enviado la confirmación a {email}, con un enlace para ver, cambiar o cancelar su reserva.",
			manage_link: "Ver o cambiar su reserva",
			err_summary: "Corrija los campos marcados.", err_required: "Rellene {label}.",
			err_invalid: "Revise {label}.", err_network: "No se puede contactar con el servicio de reservas del hotel. Inténtelo de nuevo.",
			sold_out: "Esta habitación se acaba de vender. Elija otra.",
			stay: "Estancia", guests: "Huéspedes", room: "Habitación", status: "Estado",
			st_reserved: "Confirmada", st_cancelled: "Cancelada", st_checked_in: "Registrada",
			st_checked_out: "Finalizada", st_no_show: "No presentada",
			save: "Guardar cambios", saved: "Sus cambios se han guardado.",
			download: "Descargar la confirmación (PDF)", cancel_title: "Cancelar su reserva",
			cancel_fee: "Gastos de cancelación: {fee}.",
			cancel_btn: "Cancelar reserva", cancel_confirm: "¿Seguro que quiere cancelar la reserva {code}?",
			cancel_yes: "Sí, cancelarla", cancel_no: "No, mantenerla", cancelled: "Su reserva está cancelada.",
			cannot_cancel: "Ya no se puede cancelar en línea: llame al hotel.",
			no_link: "Esta página se abre con el enlace de su correo de confirmación. Si no lo encuentra, pida al hotel que se lo envíe de nuevo."
		},
		fr: {
			title: "Réserver une chambre", manage_title: "Votre réservation", language: "Langue",
			arrive: "Arrivée", depart: "Départ", adults: "Adultes", children: "Enfants",
			search: "Voir les chambres", searching: "Recherche de chambres libres…",
			offers: "Chambres pour votre séjour", n_offers_one: "Une chambre disponible pour votre séjour.", n_offers_other: "{n} chambres disponibles pour votre séjour.",
			none: "Rien n’est libre à ces dates. Essayez d’autres dates.",
			nights_one: "{n} nuit", nights_other: "{n} nuits", per_night: "{price} la nuit", total: "Total",
			room_only: "Chambre seule", included: "Inclus", inc_breakfast: "petit-déjeuner", inc_halfboard: "demi-pension", choose: "Choisir {name}", change_dates: "Changer les dates",
			free_until: "Annulation gratuite jusqu’au {date}.", non_refundable: "Non remboursable.", fee_after: "Une annulation plus tardive coûte {fee}.", no_deposit: "Pas d’acompte : vous payez à l’hôtel.",
			left: "Plus que {n}", details: "Vos coordonnées", family: "Nom", given: "Prénom",
			email: "E-mail", email_hint: "Nous y envoyons la confirmation et le lien vers votre réservation.",
			phone: "Téléphone", country: "Pays", country_hint: "Deux lettres, par exemple FR",
			arrival_time: "Heure d’arrivée", requests: "Demandes", optional: "(facultatif)",
			book: "Réserver", booking: "Réservation en cours…", back: "Retour",
			done: "Votre réservation est confirmée", code: "Code de réservation",
			sent: "Nous avons envoyé la confirmation à {email}, avec un lien pour voir, modifier ou annuler votre réservation.",
			manage_link: "Voir ou modifier votre réservation",
			err_summary: "Veuillez corriger les champs signalés.", err_required: "Veuillez renseigner {label}.",
			err_invalid: "Veuillez vérifier {label}.", err_network: "Le service de réservation de l’hôtel est injoignable. Veuillez réessayer.",
			sold_out: "Cette chambre vient d’être vendue. Veuillez en choisir une autre.",
			stay: "Séjour", guests: "Personnes", room: "Chambre", status: "État",
			st_reserved: "Confirmée", st_cancelled: "Annulée", st_checked_in: "Arrivé",
			st_checked_out: "Parti", st_no_show: "Non présenté",
			save: "Enregistrer", saved: "Vos modifications sont enregistrées.",
			download: "Télécharger la confirmation (PDF)", cancel_title: "Annuler votre réservation",
			cancel_fee: "Frais d’annulation : {fee}.",
			cancel_btn: "Annuler la réservation", cancel_confirm: "Voulez-vous vraiment annuler la réservation {code} ?",
			cancel_yes: "Oui, annuler", cancel_no: "Non, la garder", cancelled: "Votre réservation est annulée.",
			cannot_cancel: "Elle ne peut plus être annulée en ligne : veuillez appeler l’hôtel.",
			no_link: "Cette page s’ouvre avec le lien de votre e-mail de confirmation. Si vous ne le trouvez pas, demandez à l’hôtel de le renvoyer."
		},
		pt: {
			title: "Reservar um quarto", manage_title: "A sua reserva", language: "Idioma",
			arrive: "Chegada", depart: "Partida", adults: "Adultos", children: "Crianças",
			search: "Ver quartos", searching: "A procurar quartos livres…",
			offers: "Quartos para a sua estadia", n_offers_one: "Um quarto disponível para a sua estadia.", n_offers_other: "{n} quartos disponíveis para a sua estadia.",
			none: "Não há nada livre nestas datas. Experimente outras datas.",
			nights_one: "{n} noite", nights_other: "{n} noites", per_night: "{price} por noite", total: "Total",
			room_only: "Só alojamento", included: "Incluído", inc_breakfast: "pequeno-almoço", inc_halfboard: "meia pensão", choose: "Escolher {name}", change_dates: "Alterar datas",
			free_until: "Cancelamento gratuito até {date}.", non_refundable: "Não reembolsável.", fee_after: "Cancelar mais tarde custa {fee}.", no_deposit: "Sem depósito: paga no hotel.",
			left: "Só restam {n}", details: "Os seus dados", family: "Apelido", given: "Nome próprio",
			email: "E-mail", email_hint: "Enviamos para aqui a confirmação e a ligação para a sua reserva.",
			phone: "Telefone", country: "País", country_hint: "Duas letras, por exemplo PT",
			arrival_time: "Hora de chegada", requests: "Pedidos", optional: "(opcional)",
			book: "Reservar agora", booking: "A reservar…", back: "Voltar",
			done: "A sua reserva está confirmada", code: "Código da reserva",
			sent: "Enviámos a confirmação para {email}, com uma ligação para ver, alterar ou cancelar a sua reserva.",
			manage_link: "Ver ou alterar a sua reserva",
			err_summary: "Corrija os campos assinalados.", err_required: "Preencha {label}.",
			err_invalid: "Verifique {label}.", err_network: "O serviço de reservas do hotel não responde. Tente novamente.",
			sold_out: "Este quarto acabou de ser vendido. Escolha outro.",
			stay: "Estadia", guests: "Hóspedes", room: "Quarto", status: "Estado",
			st_reserved: "Confirmada", st_cancelled: "Cancelada", st_checked_in: "Em casa",
			st_checked_out: "Concluída", st_no_show: "Não compareceu",
			save: "Guardar alterações", saved: "As suas alterações foram guardadas.",
			download: "Descarregar a confirmação (PDF)", cancel_title: "Cancelar a sua reserva",
			cancel_fee: "Taxa de cancelamento: {fee}.",
			cancel_btn: "Cancelar reserva", cancel_confirm: "Quer mesmo cancelar a reserva {code}?",
			cancel_yes: "Sim, cancelar", cancel_no: "Não, manter", cancelled: "A sua reserva está cancelada.",
			cannot_cancel: "Já não pode ser cancelada online: ligue para o hotel.",
			no_link: "Esta página abre com a ligação do seu e-mail de confirmação. Se não a encontrar, peça ao hotel que a envie novamente."
		}
	};
	var NAMES = { de: "Deutsch", en: "English", es: "Español", fr: "Français", pt: "Português" };

	function pickLang() {
		var q = new URLSearchParams(location.search).get("lang") || root.getAttribute("data-lang");
		var list = [q].concat(navigator.languages || [navigator.language]);
		for (var i = 0; i < list.length; i++) {
			var l = (list[i] || "").slice(0, 2).toLowerCase();
			if (T[l]) return l;
		}
		return "en";
	}
	var lang = pickLang();
	var locale = lang === "en" ? (navigator.language && navigator.language.slice(0, 2) === "en" ? navigator.language : "en") : lang;
	function t(key, vars) {
		var s = (T[lang] && T[lang][key]) || T.en[key] || key;
		return s.replace(/\{(\w+)\}/g, function (_, k) { return vars && vars[k] !== undefined ? vars[k] : ""; });
	}
	// A text with a number: the plural form the language's rules pick.
	function tn(key, n, vars) {
		var form = new Intl.PluralRules(lang).select(n);
		var k = T[lang][key + "_" + form] ? key + "_" + form : key + "_other";
		vars = vars || {};
		vars.n = n;
		return t(k, vars);
	}
	function money(minor, currency) {
		var f = new Intl.NumberFormat(locale, { style: "currency", currency: currency });
		var digits = f.resolvedOptions().maximumFractionDigits;
		return f.format(minor / Math.pow(10, digits));
	}
	function day(iso) {
		var p = iso.split("-");
		return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(+p[0], +p[1] - 1, +p[2]));
	}
	function isoDay(d) {
		var m = d.getMonth() + 1, dd = d.getDate();
		return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (dd < 10 ? "0" : "") + dd;
	}

	// h("p", {class: "x"}, "text", child...): an element; text is text, never HTML.
	function h(tag, attrs) {
		var e = document.createElement(tag);
		for (var k in attrs || {}) {
			if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) continue;
			if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
			else if (k === "text") e.textContent = attrs[k];
			else e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
		}
		for (var i = 2; i < arguments.length; i++) {
			var c = arguments[i];
			if (c === null || c === undefined || c === false) continue;
			e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
		}
		return e;
	}

	var live = h("div", { class: "fdb-sr", "aria-live": "polite", role: "status" });
	var view = h("div");
	function announce(msg) {
		live.textContent = "";
		setTimeout(function () { live.textContent = msg; }, 50);
	}
	// Show a step: its heading takes the focus, so a screen reader reads it.
	// (Not the first: a page that embeds the widget keeps its own focus.)
	var shown = 0;
	function show(heading, nodes) {
		view.textContent = "";
		var hd = h("h2", { tabindex: "-1", id: "fdb-step" }, heading);
		view.appendChild(hd);
		nodes.forEach(function (n) { if (n) view.appendChild(n); });
		if (shown++) hd.focus();
	}

	function request(method, path, body, headers) {
		var opts = { method: method, headers: headers || {} };
		if (body !== undefined) {
			opts.headers["Content-Type"] = "application/json";
			opts.body = JSON.stringify(body);
		}
		return fetch(api + path, opts).then(function (r) {
			var ct = r.headers.get("Content-Type") || "";
			if (ct.indexOf("application/json") !== 0) return r.blob().then(function (b) { return { status: r.status, blob: b }; });
			return r.json().then(function (j) { return { status: r.status, json: j }; });
		});
	}

	// A form field: label, input, hint and error, tied together by ids.
	function field(name, type, label, opts) {
		opts = opts || {};
		var id = "fdb-" + name;
		var input = type === "textarea" ? h("textarea", { id: id, name: name, maxlength: "500" })
			: h("input", { id: id, name: name, type: type, autocomplete: opts.autocomplete, required: opts.required,
				"aria-required": opts.required ? "true" : null, min: opts.min, max: opts.max, maxlength: opts.maxlength,
				inputmode: opts.inputmode });
		if (opts.value !== undefined) input.value = opts.value;
		var describedBy = [];
		var hint = null;
		if (opts.hint) {
			hint = h("div", { class: "fdb-hint", id: id + "-hint" }, opts.hint);
			describedBy.push(id + "-hint");
		}
		var err = h("div", { class: "fdb-error", id: id + "-error" });
		describedBy.push(id + "-error");
		input.setAttribute("aria-describedby", describedBy.join(" "));
		var lab = h("label", { for: id }, label, opts.required ? "" : " " + t("optional"));
		return { name: name, label: label, input: input, error: err,
			node: h("div", { class: "fdb-field" }, lab, hint, input, err) };
	}
	function clearErrors(fields, alertBox) {
		fields.forEach(function (f) { f.error.textContent = ""; f.input.removeAttribute("aria-invalid"); });
		alertBox.textContent = "";
		alertBox.removeAttribute("class");
	}
	// The server names the field that is wrong: mark it, say why, focus it.
	function showError(fields, alertBox, e) {
		var f = fields.filter(function (x) { return x.name === e.field; })[0];
		alertBox.className = "fdb-alert";
		if (f) {
			var msg = e.code === "missing_field" ? t("err_required", { label: f.label }) : t("err_invalid", { label: f.label });
			if (lang === "en" && e.code !== "missing_field" && e.message) msg = e.message;
			f.error.textContent = msg;
			f.input.setAttribute("aria-invalid", "true");
			alertBox.textContent = t("err_summary") + " " + msg;
			f.input.focus();
		} else {
			alertBox.textContent = e.message || t("err_network");
			alertBox.focus();
		}
	}

	// --- booking: dates -> offers -> details -> confirmation ---
	var stay = null;
	function stepDates(prev) {
		var today = new Date();
		var tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
		var fa = field("arrive", "date", t("arrive"), { required: true, value: prev ? prev.arrive : isoDay(today), min: isoDay(today) });
		var fd = field("depart", "date", t("depart"), { required: true, value: prev ? prev.depart : isoDay(tomorrow), min: isoDay(tomorrow) });
		var fad = field("adults", "number", t("adults"), { required: true, value: prev ? prev.adults : "2", min: "1", max: "20", inputmode: "numeric" });
		var fch = field("children", "number", t("children"), { required: true, value: prev ? prev.children : "0", min: "0", max: "20", inputmode: "numeric" });
		var fields = [fa, fd, fad, fch];
		var alertBox = h("div", { role: "alert", tabindex: "-1" });
		var button = h("button", { type: "submit" }, t("search"));
		var form = h("form", { novalidate: true, "aria-labelledby": "fdb-step" }, alertBox,
			h("div", { class: "fdb-row" }, fa.node, fd.node), h("div", { class: "fdb-row" }, fad.node, fch.node),
			h("div", { class: "fdb-actions" }, button));
		form.addEventListener("submit", function (ev) {
			ev.preventDefault();
			clearErrors(fields, alertBox);
			var s = { arrive: fa.input.value, depart: fd.input.value, adults: fad.input.value, children: fch.input.value };
			var q = "?arrive=" + encodeURIComponent(s.arrive) + "&depart=" + encodeURIComponent(s.depart) +
				"&adults=" + encodeURIComponent(s.adults) + "&children=" + encodeURIComponent(s.children);
			button.disabled = true;
			announce(t("searching"));
			request("GET", withHotel("/availability" + q)).then(function (r) {
				button.disabled = false;
				if (r.status !== 200) return showError(fields, alertBox, r.json.error);
				stay = s;
				stepOffers(r.json);
			}, function () {
				button.disabled = false;
				showError(fields, alertBox, { message: t("err_network") });
			});
		});
		show(t("stay"), [form]);
	}

	// The terms as the server judged them (core's one policy rule).
	function cancelText(terms, currency) {
		if (!terms.free_cancellation_until) return t("non_refundable") + " " + t("fee_after", { fee: money(terms.cancellation_fee, currency) });
		var text = t("free_until", { date: day(terms.free_cancellation_until) });
		if (terms.cancellation_fee > 0) text += " " + t("fee_after", { fee: money(terms.cancellation_fee, currency) });
		return text;
	}
	function offerTerms(o) {
		var text = cancelText(o.terms, o.currency) + " " +
			(o.terms.deposit_policy ? o.terms.deposit_policy : t("no_deposit"));
		if (o.terms.cancellation_policy) text = o.terms.cancellation_policy + " " + text;
		return h("p", { class: "fdb-nights" }, text);
	}
	function nightlyText(o) {
		var same = o.nightly.every(function (n) { return n.price === o.nightly[0].price; });
		if (same && o.nightly.length) return tn("nights", o.nights) + " · " + t("per_night", { price: money(o.nightly[0].price, o.currency) });
		return o.nightly.map(function (n) { return day(n.date) + ": " + money(n.price, o.currency); }).join(" · ");
	}
	function stepOffers(res, notice) {
		var list = h("ul", { class: "fdb-offers" });
		res.offers.forEach(function (o) {
			var name = o.name + " – " + (o.plan_name === "Room only" ? t("room_only") : o.plan_name);
			list.appendChild(h("li", { class: "fdb-offer" },
				h("h3", {}, name),
				h("p", {}, h("span", { class: "fdb-price" }, money(o.total, o.currency)), " ", t("total")),
				h("p", { class: "fdb-nights" }, nightlyText(o)),
				o.rooms_left !== undefined ? h("p", {}, t("left", { n: o.rooms_left })) : null,
				o.inclusions.length ? h("p", {}, t("included") + ": " + o.inclusions.map(function (c) { return t("inc_" + c.toLowerCase()) === "inc_" + c.toLowerCase() ? c : t("inc_" + c.toLowerCase()); }).join(", ")) : null,
				offerTerms(o),
				h("button", { type: "button", onclick: function () { stepDetails(res, o); } }, t("choose", { name: name }))));
		});
		var nodes = [notice ? h("p", { class: "fdb-alert", role: "alert" }, notice) : null,
			h("p", {}, day(res.arrive) + " – " + day(res.depart) + " · " + tn("nights", res.nights)),
			res.offers.length ? list : h("p", {}, t("none")),
			h("div", { class: "fdb-actions" }, h("button", { type: "button", class: "fdb-secondary", onclick: function () { stepDates(stay); } }, t("change_dates")))];
		show(t("offers"), nodes);
		announce(res.offers.length ? tn("n_offers", res.offers.length) : t("none"));
	}

	function newKey() {
		if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
		var a = new Uint8Array(16);
		crypto.getRandomValues(a);
		return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
	}

	function stepDetails(res, o) {
		var key = newKey(); // one booking: the same key however often it is sent
		var fields = [
			field("family", "text", t("family"), { required: true, autocomplete: "family-name", maxlength: "100" }),
			field("given", "text", t("given"), { autocomplete: "given-name", maxlength: "100" }),
			field("email", "email", t("email"), { required: true, autocomplete: "email", hint: t("email_hint") }),
			field("phone", "tel", t("phone"), { autocomplete: "tel" }),
			field("country", "text", t("country"), { autocomplete: "country", hint: t("country_hint"), maxlength: "2" }),
			field("arrival_time", "time", t("arrival_time"), {}),
			field("requests", "textarea", t("requests"), {})
		];
		var by = {};
		fields.forEach(function (f) { by[f.name] = f; });
		var alertBox = h("div", { role: "alert", tabindex: "-1" });
		var button = h("button", { type: "submit" }, t("book"));
		var summary = h("div", { class: "fdb-note" },
			h("p", {}, h("strong", {}, o.name), " · " + day(res.arrive) + " – " + day(res.depart)),
			h("p", {}, t("total") + ": ", h("span", { class: "fdb-price" }, money(o.total, o.currency))),
			offerTerms(o));
		var form = h("form", { novalidate: true, "aria-labelledby": "fdb-step" }, summary, alertBox,
			h("div", { class: "fdb-row" }, by.family.node, by.given.node), by.email.node,
			h("div", { class: "fdb-row" }, by.phone.node, by.country.node), by.arrival_time.node, by.requests.node,
			h("div", { class: "fdb-actions" }, button,
				h("button", { type: "button", class: "fdb-secondary", onclick: function () { stepOffers(res); } }, t("back"))));
		form.addEventListener("submit", function (ev) {
			ev.preventDefault();
			clearErrors(fields, alertBox);
			var body = { arrive: res.arrive, depart: res.depart, type: o.type, adults: +stay.adults, children: +stay.children, language: lang };
			if (o.plan) body.plan = o.plan;
			fields.forEach(function (f) {
				var v = f.input.value.trim();
				if (f.name === "country") v = v.toUpperCase();
				if (v) body[f.name] = v;
			});
			button.disabled = true;
			button.textContent = t("booking");
			request("POST", withHotel("/bookings"), body, { "Idempotency-Key": key }).then(function (r) {
				button.disabled = false;
				button.textContent = t("book");
				if (r.status === 201) return stepDone(r.json, body.email);
				if (r.status === 409 && r.json.alternatives) {
					res.offers = r.json.alternatives;
					return stepOffers(res, t("sold_out"));
				}
				showError(fields, alertBox, r.json.error || {});
			}, function () {
				button.disabled = false;
				button.textContent = t("book");
				showError(fields, alertBox, { message: t("err_network") });
			});
		});
		show(t("details"), [form]);
	}

	function stepDone(b, email) {
		var link = new URL(b.manage_url);
		var here = new URL("manage.html", base);
		here.hash = link.hash;
		here.search = "?lang=" + lang;
		show(t("done"), [
			h("p", {}, t("code") + ": ", h("span", { class: "fdb-code" }, b.code)),
			h("dl", {}, h("dt", {}, t("stay")), h("dd", {}, day(b.arrive) + " – " + day(b.depart)),
				h("dt", {}, t("room")), h("dd", {}, b.offer.name),
				h("dt", {}, t("total")), h("dd", {}, money(b.total, b.currency))),
			offerTerms(b.offer),
			h("p", { class: "fdb-note" }, t("sent", { email: email })),
			h("p", {}, h("a", { href: here.href, class: "fdb-button", id: "fdb-manage" }, t("manage_link")))
		]);
		announce(t("done") + ": " + b.code);
	}

	// --- the guest's own booking ---
	var token = (location.hash.match(/[#&]t=([A-Za-z0-9_-]+)/) || [])[1];
	function auth() { return { Authorization: "Bearer " + token }; }
	function manageError(r) {
		var e = (r.json && r.json.error) || {};
		show(t("manage_title"), [h("p", { class: "fdb-alert", role: "alert" }, e.message || t("err_network"))]);
	}
	function stepManage(b, notice) {
		var status = t("st_" + b.status);
		var details = h("dl", {},
			h("dt", {}, t("code")), h("dd", { class: "fdb-code" }, b.code),
			h("dt", {}, t("status")), h("dd", { id: "fdb-status" }, status),
			h("dt", {}, t("stay")), h("dd", {}, day(b.arrive) + " – " + day(b.depart) + " (" + tn("nights", b.nights) + ")"),
			h("dt", {}, t("room")), h("dd", {}, b.type_name),
			h("dt", {}, t("guests")), h("dd", {}, b.guest.given ? b.guest.given + " " + b.guest.family : b.guest.family),
			h("dt", {}, t("total")), h("dd", {}, money(b.total, b.currency)));
		var nodes = [notice ? h("p", { class: "fdb-note", role: "status" }, notice) : null, details];
		var fields = [];
		if (b.changeable) {
			var fe = field("arrival_time", "time", t("arrival_time"), { value: b.arrival_time });
			var fr = field("requests", "textarea", t("requests"), { value: b.requests });
			fields = [fe, fr];
			var alertBox = h("div", { role: "alert", tabindex: "-1" });
			var save = h("button", { type: "submit" }, t("save"));
			var form = h("form", { novalidate: true, "aria-label": t("save") }, alertBox, fe.node, fr.node, h("div", { class: "fdb-actions" }, save));
			form.addEventListener("submit", function (ev) {
				ev.preventDefault();
				clearErrors(fields, alertBox);
				save.disabled = true;
				request("POST", "/manage", { arrival_time: fe.input.value, requests: fr.input.value.trim() }, auth()).then(function (r) {
					save.disabled = false;
					if (r.status === 200) return stepManage(r.json, t("saved"));
					if (r.status === 401) return manageError(r);
					showError(fields, alertBox, r.json.error || {});
				}, function () { save.disabled = false; showError(fields, alertBox, { message: t("err_network") }); });
			});
			nodes.push(form);
		}
		var download = h("button", { type: "button", class: "fdb-secondary", id: "fdb-download" }, t("download"));
		download.addEventListener("click", function () {
			request("GET", "/manage/document?kind=confirmation", undefined, auth()).then(function (r) {
				if (!r.blob) return manageError(r);
				var a = h("a", { href: URL.createObjectURL(r.blob), download: "confirmation-" + b.code + ".pdf" });
				document.body.appendChild(a);
				a.click();
				a.remove();
			}, function () { manageError({}); });
		});
		nodes.push(h("div", { class: "fdb-actions" }, download));
		if (b.status === "reserved") {
			var box = h("section", { "aria-labelledby": "fdb-cancel-h" }, h("h3", { id: "fdb-cancel-h" }, t("cancel_title")));
			if (b.cancel.allowed) {
				box.appendChild(h("p", {}, t("cancel_fee", { fee: money(b.cancel.fee, b.currency) }) + " " +
					cancelText(b.terms, b.currency)));
				var ask = h("button", { type: "button", class: "fdb-danger" }, t("cancel_btn"));
				ask.addEventListener("click", function () {
					var yes = h("button", { type: "button", class: "fdb-danger" }, t("cancel_yes"));
					var no = h("button", { type: "button", class: "fdb-secondary" }, t("cancel_no"));
					var q = h("div", { role: "group", "aria-labelledby": "fdb-confirm" },
						h("p", { id: "fdb-confirm" }, t("cancel_confirm", { code: b.code })), h("div", { class: "fdb-actions" }, yes, no));
					ask.replaceWith(q);
					yes.focus();
					no.addEventListener("click", function () { stepManage(b); });
					yes.addEventListener("click", function () {
						yes.disabled = true;
						// the fee shown is the fee confirmed: a different one now cancels nothing
						request("POST", "/manage/cancel", { fee: b.cancel.fee }, auth()).then(function (r) {
							if (r.status === 200) return stepManage(r.json, t("cancelled"));
							if (r.status === 409 && r.json && r.json.error && r.json.error.code === "fee_changed")
								return request("GET", "/manage", undefined, auth()).then(function (v) {
									if (v.status === 200) return stepManage(v.json, r.json.error.message);
									manageError(v);
								}, function () { manageError({}); });
							manageError(r);
						}, function () { manageError({}); });
					});
				});
				box.appendChild(ask);
			} else {
				box.appendChild(h("p", {}, t("cannot_cancel")));
			}
			nodes.push(box);
		}
		show(t("manage_title"), nodes);
		if (notice) announce(notice);
	}
	function startManage() {
		if (!token) return show(t("manage_title"), [h("p", { class: "fdb-alert", role: "alert" }, t("no_link"))]);
		request("GET", "/manage", undefined, auth()).then(function (r) {
			if (r.status !== 200) return manageError(r);
			stepManage(r.json);
		}, function () { manageError({}); });
	}

	// --- the frame: title, language, the live region, the step ---
	function start() {
		document.documentElement.lang = lang;
		var manage = root.getAttribute("data-mode") === "manage";
		if (root.tagName === "MAIN" && document.title) document.title = manage ? t("manage_title") : t("title");
		var select = h("select", { id: "fdb-lang" });
		Object.keys(NAMES).forEach(function (l) {
			var o = h("option", { value: l, lang: l }, NAMES[l]);
			if (l === lang) o.selected = true;
			select.appendChild(o);
		});
		select.addEventListener("change", function () {
			var u = new URL(location.href);
			u.searchParams.set("lang", select.value);
			location.replace(u.href);
		});
		root.textContent = "";
		root.appendChild(h("div", { class: "fdb-lang" }, h("label", { for: "fdb-lang" }, t("language")), select));
		root.appendChild(h("h1", {}, manage ? t("manage_title") : t("title")));
		root.appendChild(live);
		root.appendChild(view);
		if (manage) startManage();
		else stepDates(null);
	}
	start();
})();
