/* The booking form: participant rows that can be added and removed, and focus on the
   error summary after a failed send. Without this script the form still works: the
   page then shows a fixed number of empty participant rows. */
(function () {
    "use strict";

    function ParticipantList(root) {
        this.root = root;
        this.list = root.querySelector("[data-participant-rows]");
        this.template = root.querySelector("template[data-participant-template]");
        this.addButton = root.querySelector("[data-participant-add]");
        this.fullNote = root.querySelector("[data-participant-full]");
        this.status = root.querySelector("[data-participant-status]");
        this.name = root.getAttribute("data-name");
        this.idBase = root.getAttribute("data-id");
        this.minRows = parseInt(root.getAttribute("data-min-rows"), 10) || 0;
        this.maxRows = parseInt(root.getAttribute("data-max-rows"), 10) || 1;
    }

    ParticipantList.prototype.rows = function () {
        return Array.prototype.filter.call(this.list.children, function (child) {
            return child.hasAttribute("data-participant-row");
        });
    };

    ParticipantList.prototype.isEmpty = function (row) {
        return Array.prototype.every.call(row.querySelectorAll("input"), function (input) {
            return input.value.trim() === "";
        });
    };

    ParticipantList.prototype.renumber = function () {
        var self = this;
        var rows = this.rows();
        rows.forEach(function (row, index) {
            row.querySelectorAll("[data-participant-number]").forEach(function (number) {
                number.textContent = String(index + 1);
            });
            row.querySelectorAll("input[data-part]").forEach(function (input) {
                var part = input.getAttribute("data-part");
                var id = self.idBase + "_" + index + "_" + part;
                var label = row.querySelector('label[for="' + input.id + '"]');
                input.name = self.name + "-" + index + "-" + part;
                input.id = id;
                if (label) {
                    label.htmlFor = id;
                }
            });
            var remove = row.querySelector("[data-participant-remove]");
            remove.hidden = rows.length <= self.minRows;
        });
        var full = rows.length >= this.maxRows;
        this.addButton.hidden = full;
        this.fullNote.hidden = !full;
    };

    ParticipantList.prototype.announce = function (text) {
        this.status.textContent = text;
    };

    ParticipantList.prototype.add = function () {
        if (this.rows().length >= this.maxRows) {
            return;
        }
        var row = this.template.content.firstElementChild.cloneNode(true);
        this.list.appendChild(row);
        this.bindRow(row);
        this.renumber();
        row.querySelector("input").focus();
        this.announce(this.root.getAttribute("data-added-text"));
    };

    ParticipantList.prototype.remove = function (row) {
        var rows = this.rows();
        var index = rows.indexOf(row);
        row.remove();
        this.renumber();
        rows = this.rows();
        var next = rows[Math.min(index, rows.length - 1)];
        if (next) {
            next.querySelector("input").focus();
        } else {
            this.addButton.focus();
        }
        this.announce(this.root.getAttribute("data-removed-text"));
    };

    ParticipantList.prototype.bindRow = function (row) {
        var self = this;
        row.querySelector("[data-participant-remove]").addEventListener("click", function () {
            self.remove(row);
        });
    };

    ParticipantList.prototype.start = function () {
        var self = this;
        // Keep the rows people filled in, and show one empty row (or the minimum) to start.
        var keep = Math.max(this.minRows, 1);
        this.rows().reverse().forEach(function (row) {
            if (self.rows().length > keep && self.isEmpty(row)) {
                row.remove();
            }
        });
        this.rows().forEach(function (row) {
            self.bindRow(row);
        });
        this.addButton.addEventListener("click", function () {
            self.add();
        });
        this.renumber();
    };

    document.querySelectorAll("[data-participants]").forEach(function (root) {
        new ParticipantList(root).start();
    });

    var message = document.querySelector("[data-error-summary]") || document.getElementById("form-message");
    if (message) {
        message.focus();
    }
}());
